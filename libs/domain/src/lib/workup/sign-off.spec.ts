import type { CriterionStatus, Overall } from '../evaluation/evaluation.types';
import type { CriterionKey } from '../protocol/criteria';
import type { FindingValue } from './findings';
import {
  attestationOf,
  describeSignOffChanges,
  isSignOffOutdated,
  signOffChanges,
  signOffRefusal,
  type AttestableItem,
} from './sign-off';

const PROTOCOL = { key: 'poems-dispenzieri', version: 1 };

function state(
  overall: Overall,
  criteria: Partial<Record<CriterionKey, CriterionStatus>>,
  items: readonly AttestableItem[],
  { protocolVersion = 1, rulesVersion = 2 } = {},
) {
  return attestationOf(
    {
      overall,
      protocol: { ...PROTOCOL, version: protocolVersion },
      rulesVersion,
      criteria: Object.entries(criteria).map(([key, status]) => ({
        key: key as CriterionKey,
        status: status as CriterionStatus,
      })),
    },
    items,
  );
}

const vegf = (
  value: FindingValue,
  resultedAt = '2031-03-05T09:00:00Z',
): AttestableItem => ({
  key: 'vegf',
  resultedAt,
  findings: [{ criterion: 'vegf_elevation', value, source: 'inferred' }],
});
const emg = (value: FindingValue): AttestableItem => ({
  key: 'emg',
  resultedAt: '2031-03-04T09:00:00Z',
  findings: [{ criterion: 'polyneuropathy', value, source: 'inferred' }],
});
const planned = (key: string): AttestableItem => ({
  key,
  resultedAt: null,
  findings: [],
});

describe('workup sign-off: outdated and what changed', () => {
  const signed = state(
    'criteria_met',
    { polyneuropathy: 'met', vegf_elevation: 'met' },
    [emg('present'), vegf('present'), planned('cbc')],
  );

  it('the same workup read again is not outdated, whatever the order of its items', () => {
    const again = state(
      'criteria_met',
      { polyneuropathy: 'met', vegf_elevation: 'met' },
      [planned('cbc'), vegf('present'), emg('present')],
    );
    const changes = signOffChanges(signed, again);
    expect(isSignOffOutdated(changes)).toBe(false);
    expect(describeSignOffChanges(changes)).toEqual([]);
  });

  it('a corrected VEGF names the criterion, the finding, the result and the overall before → after', () => {
    const now = state(
      'criteria_not_met',
      { polyneuropathy: 'met', vegf_elevation: 'not_met' },
      [emg('present'), vegf('absent', '2031-03-08T09:00:00Z'), planned('cbc')],
    );
    const changes = signOffChanges(signed, now);
    expect(isSignOffOutdated(changes)).toBe(true);
    expect(changes.overall).toEqual({
      from: 'criteria_met',
      to: 'criteria_not_met',
    });
    expect(changes.criteria).toEqual([
      {
        key: 'vegf_elevation',
        status: { from: 'met', to: 'not_met' },
        findings: [{ item: 'vegf', from: 'present', to: 'absent' }],
      },
    ]);
    expect(changes.results).toEqual([
      {
        item: 'vegf',
        from: '2031-03-05T09:00:00.000Z',
        to: '2031-03-08T09:00:00.000Z',
      },
    ]);
    expect(
      describeSignOffChanges(changes, {
        item: (key) => (key === 'vegf' ? 'VEGF' : key),
        criterion: (key) => (key === 'vegf_elevation' ? 'VEGF elevation' : key),
      }),
    ).toEqual([
      'Overall: criteria met → criteria not met',
      'VEGF elevation: met → not met; VEGF present → absent',
      'VEGF: result corrected',
    ]);
  });

  it('a result re-entered with the same finding still outdates the sign-off (the result changed)', () => {
    const now = state(
      'criteria_met',
      { polyneuropathy: 'met', vegf_elevation: 'met' },
      [emg('present'), vegf('present', '2031-03-09T09:00:00Z'), planned('cbc')],
    );
    const changes = signOffChanges(signed, now);
    expect(isSignOffOutdated(changes)).toBe(true);
    expect(changes.overall).toBeNull();
    expect(changes.criteria).toEqual([]);
    expect(describeSignOffChanges(changes)).toEqual(['vegf: result corrected']);
  });

  it('a new finding for a criterion whose status stands is named with "none" before', () => {
    const now = state(
      'criteria_met',
      { polyneuropathy: 'met', vegf_elevation: 'met' },
      [
        emg('present'),
        vegf('present'),
        {
          key: 'cbc',
          resultedAt: '2031-03-10T09:00:00Z',
          findings: [
            {
              criterion: 'thrombocytosis_polycythemia',
              value: 'absent',
              source: 'inferred',
            },
          ],
        },
      ],
    );
    const changes = signOffChanges(signed, now);
    expect(changes.criteria).toEqual([
      {
        key: 'thrombocytosis_polycythemia',
        status: null,
        findings: [{ item: 'cbc', from: null, to: 'absent' }],
      },
    ]);
    expect(describeSignOffChanges(changes)).toEqual([
      'thrombocytosis polycythemia: cbc none → absent',
      'cbc: result recorded',
    ]);
  });

  it('an assertion overriding an inference counts as the finding in force', () => {
    const overridden = state(
      'criteria_met',
      { polyneuropathy: 'met', vegf_elevation: 'met' },
      [
        emg('present'),
        {
          key: 'vegf',
          resultedAt: '2031-03-05T09:00:00Z',
          findings: [
            {
              criterion: 'vegf_elevation',
              value: 'present',
              source: 'inferred',
            },
            {
              criterion: 'vegf_elevation',
              value: 'indeterminate',
              source: 'asserted',
            },
          ],
        },
        planned('cbc'),
      ],
    );
    expect(signOffChanges(signed, overridden).criteria).toEqual([
      {
        key: 'vegf_elevation',
        status: null,
        findings: [{ item: 'vegf', from: 'present', to: 'indeterminate' }],
      },
    ]);
  });

  it('a newer protocol or rules version outdates it even when the verdict stands', () => {
    const upgraded = state(
      'criteria_met',
      { polyneuropathy: 'met', vegf_elevation: 'met' },
      [emg('present'), vegf('present'), planned('cbc')],
      { protocolVersion: 2, rulesVersion: 3 },
    );
    const changes = signOffChanges(signed, upgraded);
    expect(isSignOffOutdated(changes)).toBe(true);
    expect(describeSignOffChanges(changes)).toEqual([
      'Protocol: poems-dispenzieri v1 → poems-dispenzieri v2',
      'Evaluation rules: v2 → v3',
    ]);
  });
});

describe('workup sign-off: when it is refused', () => {
  it('refuses a workup with no result and no finding: there is nothing to attest', () => {
    const empty = state('incomplete', { polyneuropathy: 'pending' }, [
      planned('emg'),
      planned('vegf'),
    ]);
    expect(signOffRefusal(empty, null)).toMatch(/nothing to attest/);
  });

  it('accepts an incomplete evaluation once a result is recorded', () => {
    const partial = state('incomplete', { vegf_elevation: 'met' }, [
      vegf('present'),
      planned('emg'),
    ]);
    expect(signOffRefusal(partial, null)).toBeNull();
  });

  it('refuses to sign off again what is already signed off, accepts once something changed', () => {
    const signed = state('incomplete', { vegf_elevation: 'met' }, [
      vegf('present'),
    ]);
    expect(signOffRefusal(signed, signed)).toMatch(/already signed off/);
    const changed = state('incomplete', { vegf_elevation: 'met' }, [
      vegf('present', '2031-03-09T09:00:00Z'),
    ]);
    expect(signOffRefusal(changed, signed)).toBeNull();
  });
});
