import { Hl7Message } from '@medplum/core';
import { planInboundReport, type ItemState } from '@poems/domain';
import { hl7Fixture, HL7_FIXTURES } from '../../testing/fixtures';
import { buildAck } from './hl7-ack';
import { decodeFrame, parseHl7, UnparseableFrame } from './hl7-message';
import { headerOf, Hl7Refusal, reportOf } from './hl7-oru';
import { contentHash } from './hl7-intake.service';

const ITEMS: ItemState[] = [
  'spep',
  'serum_ife',
  'urine_ife',
  'serum_flc',
  'vegf',
  'cbc',
  'endocrine_panel',
].map((key) => ({
  key,
  status: 'planned',
  active: true,
  required: true,
  result: null,
  source: null,
}));

const decode = (name: (typeof HL7_FIXTURES)[number]) =>
  reportOf(parseHl7(hl7Fixture(name)), 'America/Chicago');
const plan = (name: (typeof HL7_FIXTURES)[number]) =>
  planInboundReport(decode(name), {
    mapping: {
      codedAnswers: [
        {
          system: '99CLAB',
          code: 'IFE-AL',
          heavyChain: 'IgA',
          lightChain: 'lambda',
        },
      ],
    },
    interfaceId: 'i',
    items: ITEMS,
    earlier: [],
  });

describe("decoding the reference's sample messages (§2)", () => {
  it.each(HL7_FIXTURES)('%s parses, its header reads as sent', (name) => {
    const header = headerOf(parseHl7(hl7Fixture(name)));
    expect(header).toMatchObject({
      sendingApplication: 'CITYLIS',
      sendingFacility: 'CITYLAB',
      messageType: 'ORU',
      triggerEvent: 'R01',
      processingId: 'P',
      version: '2.5.1',
      charset: 'UNICODE UTF-8',
    });
    expect(header.controlId).toMatch(/^CL2025031[47]0001\d\d$/);
  });

  it('01: walks every PID-3 repetition, reads the order, observation and specimen', () => {
    const report = decode('01-vegf-plasma');
    expect(report.patient).toEqual({
      identifiers: [
        {
          value: 'MRN100234',
          type: 'MR',
          authority: ['CITYHOSP', '2.16.840.1.113883.19.5', 'ISO'],
        },
        { value: '7781', type: 'PI', authority: ['STATEHIE'] },
      ],
      familyName: 'DOE',
      givenName: 'JOHN',
      birthDate: '1962-04-15',
      sex: 'M',
    });
    expect(report.orders).toEqual([
      expect.objectContaining({
        placerOrder: 'ORD-88231',
        fillerOrder: 'FIL-55120^CITYLAB',
        collectedAt: '2025-03-12T08:15:00-05:00',
        resultedAt: '2025-03-14T09:15:00-05:00',
        status: 'F',
        specimen: 'plasma',
      }),
    ]);
    expect(report.orders[0]?.observations[0]).toMatchObject({
      value: { kind: 'number', value: 480 },
      unit: 'pg/mL',
      unitIsUcum: true,
      high: 96.2,
      flags: ['H'],
      status: 'F',
    });
  });

  it('03: unescapes the formatted narrative after splitting', () => {
    const text = decode('03-serum-ife').orders[0]?.observations[1]?.value;
    expect(text).toEqual({
      kind: 'text',
      text: 'Monoclonal IgA lambda band, beta region, est. 0.3 g/dL.\nAntisera: IgG|IgA|IgM|kappa|lambda\nReviewed: A. Lee & B. Kim',
    });
  });

  it.each([
    ['01-vegf-plasma', ['vegf'], []],
    ['02-vegf-serum', ['vegf'], []],
    ['03-serum-ife', ['serum_ife'], []],
    ['04-serum-flc', ['serum_flc'], []],
    ['05-cbc', ['cbc'], []],
    ['06-endocrine', ['endocrine_panel'], []],
    ['07-vegf-corrected', [], ['correction_without_original']],
    ['09-unknown-loinc', [], ['unknown_code']],
  ] as const)('%s plans as the reference says', (name, applied, reasons) => {
    const { applications, inbox } = plan(name);
    expect(applications.map((a) => a.itemKey)).toEqual(applied);
    expect(inbox.map((e) => e.reason)).toEqual(reasons);
  });

  it('a v2.3 copy of 01 with the specimen in OBR-15 reads plasma', () => {
    const v23 = hl7Fixture('01-vegf-plasma')
      .replace('|2.5.1|', '|2.3|')
      .replace(/\rSPM[^\r]*/, '')
      .replace(
        '20250312081500-0500|||||||||||||||',
        '20250312081500-0500||||||||PLAS&Plasma&HL70070|||||||',
      );
    const report = reportOf(parseHl7(v23), 'UTC');
    expect(report.orders[0]?.specimen).toBe('plasma');
  });

  it('refuses frames that are no single message', () => {
    expect(() => parseHl7('garbage')).toThrow(UnparseableFrame);
    expect(() =>
      parseHl7(
        `${hl7Fixture('01-vegf-plasma')}\r${hl7Fixture('02-vegf-serum')}`,
      ),
    ).toThrow(/more than one message/);
    expect(() =>
      parseHl7(`${hl7Fixture('01-vegf-plasma')}\rbad segment`),
    ).toThrow(/no valid name/);
    // A leading newline or BOM (which the library refuses) is tolerated; LF ends segments too.
    expect(
      headerOf(
        parseHl7(
          `\uFEFF\n${hl7Fixture('01-vegf-plasma').replace(/\r/g, '\n')}`,
        ),
      ).controlId,
    ).toBe('CL20250314000101');
  });

  it('refuses a missing PID-3, OBR or OBX-3 with AE 101 at its location', () => {
    const noPid3 = hl7Fixture('01-vegf-plasma').replace(
      /PID\|1\|\|[^|]*\|/,
      'PID|1|||',
    );
    expect(() => reportOf(parseHl7(noPid3), 'UTC')).toThrow(
      expect.objectContaining({
        ackCode: 'AE',
        error: expect.objectContaining({ code: 101, location: 'PID^1^3' }),
      }),
    );
    const noObx3 = hl7Fixture('01-vegf-plasma').replace(
      'OBX|1|NM|75628-8^VEGF^LN|',
      'OBX|1|NM||',
    );
    expect(() => reportOf(parseHl7(noObx3), 'UTC')).toThrow(Hl7Refusal);
    const noObr = hl7Fixture('01-vegf-plasma').replace(/\rOBR[^\r]*/, '');
    expect(() => reportOf(parseHl7(noObr), 'UTC')).toThrow(
      /OBX segment came before any OBR/,
    );
  });

  it('decodes strictly: invalid UTF-8 is refused, Latin-1 read as Latin-1', () => {
    expect(() => decodeFrame(Buffer.from([0x44, 0x4f, 0xc9]), 'utf-8')).toThrow(
      UnparseableFrame,
    );
    expect(decodeFrame(Buffer.from([0x44, 0x4f, 0xc9]), 'latin1')).toBe('DOÉ');
  });
});

describe('ACKs (§1.4)', () => {
  const header = headerOf(parseHl7(hl7Fixture('01-vegf-plasma')));
  const now = new Date('2025-03-14T14:16:05Z');

  it('answers AA with MSA-2 = MSH-10, our own MSH-7, MSH-10 and MSH-11', () => {
    const ack = Hl7Message.parse(buildAck(header, 'AA', [], now, 'ACK1'));
    expect(ack.getSegment('MSH')?.getComponent(9, 1)).toBe('ACK');
    expect(ack.getSegment('MSH')?.getComponent(7, 1)).toBe(
      '20250314141605+0000',
    );
    expect(ack.getSegment('MSH')?.getComponent(10, 1)).toBe('ACK1');
    expect(ack.getSegment('MSH')?.getComponent(11, 1)).toBe('P');
    expect(ack.getSegment('MSH')?.getComponent(5, 1)).toBe('CITYLIS');
    expect(
      [1, 2].map((i) => ack.getSegment('MSA')?.getComponent(i, 1)),
    ).toEqual(['AA', 'CL20250314000101']);
    expect(ack.getSegment('ERR')).toBeUndefined();
  });

  it('mirrors a test processing id and carries ERR with escaped text', () => {
    const ack = buildAck(
      { ...header, processingId: 'T' },
      'AA',
      [
        {
          code: 204,
          location: 'PID^1^3',
          severity: 'W',
          text: 'unknown MRN | a^b',
        },
      ],
      now,
      'ACK2',
    );
    expect(ack.split('\r')).toEqual([
      expect.stringMatching(/\|ACK\^R01\^ACK\|ACK2\|T\|2\.5\.1$/),
      'MSA|AA|CL20250314000101',
      'ERR||PID^1^3|204^Unknown key identifier^HL70357|W||||unknown MRN \\F\\ a\\S\\b',
    ]);
  });

  it('answers an unparseable frame with an empty MSA-2', () => {
    const ack = buildAck(
      {},
      'AR',
      [{ code: 100, location: '', severity: 'E', text: 'no MSH' }],
      now,
      'ACK3',
    );
    expect(ack.split('\r')[1]).toBe('MSA|AR|');
  });

  it('makes control ids of at most 20 characters that differ', () => {
    const ids = new Set(
      Array.from({ length: 100 }, () =>
        Hl7Message.parse(buildAck(header, 'AA', [], now))
          .getSegment('MSH')
          ?.getComponent(10, 1),
      ),
    );
    expect(ids.size).toBe(100);
    for (const id of ids) {
      expect((id ?? '').length).toBeLessThanOrEqual(20);
    }
  });
});

describe('the duplicate fingerprint', () => {
  it('ignores MSH-7 (a resend may restamp it) and line endings, and nothing else', () => {
    const text = hl7Fixture('01-vegf-plasma');
    const restamped = text.replace(
      '20250314091600-0500',
      '20250315000000-0500',
    );
    expect(contentHash(restamped).equals(contentHash(text))).toBe(true);
    expect(
      contentHash(text.replace(/\r/g, '\n')).equals(contentHash(text)),
    ).toBe(true);
    expect(
      contentHash(text.replace('|480|', '|481|')).equals(contentHash(text)),
    ).toBe(false);
  });
});
