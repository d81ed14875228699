import { createHash, createHmac } from 'node:crypto';
import {
  type AuditEventContent,
  auditEventHash,
  unkeyedAuditEventHash,
  canonicalAuditContent,
  canonicalJson,
  GENESIS_HASH,
} from './audit-hash';

function anEvent(
  overrides: Partial<AuditEventContent> = {},
): AuditEventContent {
  return {
    id: '42',
    occurredAt: '2025-01-31T08:15:00.123456Z',
    actorId: '0b9e5c1e-4f43-4c4b-9c59-8f5d3b1e2a10',
    actorRole: 'hematologist',
    action: 'item.schedule',
    outcome: 'success',
    patientId: '5a1f6f6e-2f8e-4d7e-9c1a-3b2d4e5f6a7b',
    entityType: 'workup_item',
    entityId: 'vegf',
    diff: { status: { from: 'ordered', to: 'scheduled' } },
    requestId: 'req-1',
    clientIp: '203.0.113.7',
    details: null,
    ...overrides,
  };
}

describe('canonicalJson', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    expect(
      canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } }),
    ).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('gives the same text whatever order the keys were inserted in', () => {
    const one = { status: { to: 'b', from: 'a' }, version: { from: 1, to: 2 } };
    const other = {
      version: { to: 2, from: 1 },
      status: { from: 'a', to: 'b' },
    };

    expect(canonicalJson(one)).toBe(canonicalJson(other));
  });

  it('orders keys by UTF-16 code units, as RFC 8785 does', () => {
    expect(canonicalJson({ é: 1, z: 2, Z: 3, '10': 4, '9': 5 })).toBe(
      '{"10":4,"9":5,"Z":3,"z":2,"é":1}',
    );
  });

  it('escapes strings as JSON does, so quotes and newlines cannot forge structure', () => {
    expect(canonicalJson({ note: 'a","b":"c\n' })).toBe(
      '{"note":"a\\",\\"b\\":\\"c\\n"}',
    );
  });

  it('refuses values JSON cannot represent instead of dropping them', () => {
    expect(() => canonicalJson({ a: undefined })).toThrow(TypeError);
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson(new Date(0))).toThrow(TypeError);
    expect(() => canonicalJson(BigInt(1))).toThrow(TypeError);
  });
});

describe('canonicalAuditContent', () => {
  it('serialises every content column by its column name, keys sorted', () => {
    expect(canonicalAuditContent(anEvent())).toBe(
      '{"action":"item.schedule",' +
        '"actor_id":"0b9e5c1e-4f43-4c4b-9c59-8f5d3b1e2a10",' +
        '"actor_role":"hematologist",' +
        '"client_ip":"203.0.113.7",' +
        '"details":null,' +
        '"diff":{"status":{"from":"ordered","to":"scheduled"}},' +
        '"entity_id":"vegf",' +
        '"entity_type":"workup_item",' +
        '"id":"42",' +
        '"occurred_at":"2025-01-31T08:15:00.123456Z",' +
        '"outcome":"success",' +
        '"patient_id":"5a1f6f6e-2f8e-4d7e-9c1a-3b2d4e5f6a7b",' +
        '"request_id":"req-1"}',
    );
  });

  it('tells a null column from an empty one', () => {
    expect(canonicalAuditContent(anEvent({ entityId: null }))).not.toBe(
      canonicalAuditContent(anEvent({ entityId: '' })),
    );
  });
});

const KEY = Buffer.from('a-test-audit-key-of-at-least-32-characters');
const PINNED =
  '7c7c110b9b9b518e5dff5e7c5f6c7eb0cb5af93fd4d44cf216198f3ede44c0e5';

describe('auditEventHash', () => {
  it('is the hex HMAC-SHA-256, under the audit key, of the previous hash, a newline and the canonical content', () => {
    const event = anEvent();

    expect(auditEventHash(KEY, GENESIS_HASH, event)).toBe(
      createHmac('sha256', KEY)
        .update(`${GENESIS_HASH}\n${canonicalAuditContent(event)}`)
        .digest('hex'),
    );
  });

  it('is pinned: changing the serialisation would orphan every sealed event', () => {
    expect(auditEventHash(KEY, GENESIS_HASH, anEvent())).toBe(PINNED);
  });

  it('cannot be recomputed without the key: another key or plain SHA-256 give other seals', () => {
    const sealed = auditEventHash(KEY, GENESIS_HASH, anEvent());

    expect(
      auditEventHash(
        Buffer.from(`${KEY.toString()}!`),
        GENESIS_HASH,
        anEvent(),
      ),
    ).not.toBe(sealed);
    expect(unkeyedAuditEventHash(GENESIS_HASH, anEvent())).not.toBe(sealed);
    expect(unkeyedAuditEventHash(GENESIS_HASH, anEvent())).toBe(
      createHash('sha256')
        .update(`${GENESIS_HASH}\n${canonicalAuditContent(anEvent())}`)
        .digest('hex'),
    );
  });

  it('changes with any content column, the microseconds included', () => {
    const hash = auditEventHash(KEY, GENESIS_HASH, anEvent());
    const edits: Partial<AuditEventContent>[] = [
      { id: '43' },
      { occurredAt: '2025-01-31T08:15:00.123457Z' },
      { actorId: null },
      { actorRole: 'coordinator' },
      { action: 'item.order' },
      { outcome: 'failure' },
      { patientId: null },
      { entityType: 'workup' },
      { entityId: 'vegf ' },
      { diff: { status: { from: 'ordered', to: 'performed' } } },
      { requestId: 'req-2' },
      { clientIp: '203.0.113.8' },
      { details: {} },
    ];

    for (const edit of edits) {
      expect(auditEventHash(KEY, GENESIS_HASH, anEvent(edit))).not.toBe(hash);
    }
  });

  it('changes with the previous hash, which is what chains the events', () => {
    expect(auditEventHash(KEY, 'f'.repeat(64), anEvent())).not.toBe(
      auditEventHash(KEY, GENESIS_HASH, anEvent()),
    );
  });

  it('does not depend on the key order of jsonb columns', () => {
    expect(
      auditEventHash(
        KEY,
        GENESIS_HASH,
        anEvent({ details: { reason: 'x', attempt: 2 } }),
      ),
    ).toBe(
      auditEventHash(
        KEY,
        GENESIS_HASH,
        anEvent({ details: { attempt: 2, reason: 'x' } }),
      ),
    );
  });
});
