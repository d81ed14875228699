import { POEMS_FOLLOWUP_V1 } from '../protocol/poems-followup.v1';
import { relapseProgressionEvent } from './relapse-event';
import type { ResponseDomain } from './response-vocabulary';
import type { AssessedDomain, DomainAssessment } from './response.types';
import { summarizeTimePoint } from './summary';

const assessed = (
  domain: ResponseDomain,
  fields: Partial<AssessedDomain>,
): AssessedDomain => ({
  status: 'assessed',
  domain,
  timePoint: 'M6',
  category: 'stable',
  resultIds: [`${domain}-1`],
  additionalResultIds: [],
  flags: [],
  explanation: '',
  rules: [],
  trackerDefaults: [],
  ...fields,
});
const pending = (domain: ResponseDomain): DomainAssessment => ({
  status: 'pending',
  domain,
  timePoint: 'M6',
  additionalResultIds: [],
  explanation: '',
});
const summary = (...domains: DomainAssessment[]) =>
  summarizeTimePoint(POEMS_FOLLOWUP_V1, domains);

describe('time-point summary', () => {
  it('takes the first clause that applies', () => {
    expect(
      summary(
        assessed('vegf', { category: 'CR' }),
        assessed('radiographic', {
          category: 'progression',
          confirmation: 'confirmed',
        }),
      ).value,
    ).toBe('progression');
    expect(
      summary(
        assessed('vegf', { category: 'CR' }),
        assessed('hematologic', {
          category: 'progression',
          confirmation: 'unconfirmed',
        }),
      ).value,
    ).toBe('progression_unconfirmed');
    expect(
      summary(
        assessed('vegf', { category: 'PR' }),
        assessed('hematologic', { category: 'stable' }),
      ).value,
    ).toBe('response');
    expect(
      summary(assessed('neurological', { category: 'improved' })).value,
    ).toBe('response');
    expect(
      summary(assessed('hematologic', { category: 'stable' }), pending('vegf'))
        .value,
    ).toBe('stable');
  });

  it('a progression not confirmed counts only as evaluable', () => {
    expect(
      summary(
        assessed('neurological', {
          category: 'progression',
          confirmation: 'not_confirmed',
        }),
      ).value,
    ).toBe('stable');
  });

  it('is not evaluable when nothing is, and pending while a domain may still be', () => {
    const ne = assessed('vegf', {
      category: 'not_evaluable',
      reason: 'no_baseline',
    });
    expect(
      summary(
        ne,
        assessed('hematologic', {
          category: 'not_evaluable',
          reason: 'baseline_ife_negative',
        }),
      ).value,
    ).toBe('not_evaluable');
    expect(summary(ne, pending('hematologic')).value).toBe('pending');
    expect(summary().value).toBe('not_evaluable');
  });

  it('names the deciding domains and their tracker defaults beside its own', () => {
    const s = summary(
      assessed('vegf', {
        category: 'PR',
        rules: ['vegf_partial_response'],
        trackerDefaults: ['vegf_partial_response'],
      }),
      assessed('neurological', {
        category: 'stable',
        rules: ['neurological_one_point_step'],
        trackerDefaults: ['neurological_one_point_step'],
      }),
    );
    expect(s.domains).toEqual(['vegf']);
    expect(s.trackerDefaults).toEqual(['vegf_partial_response', 'summary']);
  });
});

describe('relapse/progression event', () => {
  it('is null without a confirmed progression', () => {
    expect(
      relapseProgressionEvent(POEMS_FOLLOWUP_V1, [
        assessed('vegf', {
          category: 'progression',
          confirmation: 'unconfirmed',
          date: '2025-07-01',
        }),
      ]),
    ).toBeNull();
  });

  it('is dated at the earliest confirmed sequence and lists every domain’s type', () => {
    const event = relapseProgressionEvent(POEMS_FOLLOWUP_V1, [
      assessed('neurological', {
        category: 'progression',
        confirmation: 'confirmed',
        date: '2026-01-10',
        timePoint: 'M12',
      }),
      assessed('vegf', {
        category: 'progression',
        confirmation: 'confirmed',
        date: '2025-07-01',
        relapse: true,
      }),
      assessed('vegf', {
        category: 'progression',
        confirmation: 'confirmed',
        date: '2026-01-12',
        timePoint: 'M12',
      }),
    ]);
    expect(event).toMatchObject({
      kind: 'relapse',
      date: '2025-07-01',
      types: ['vegf', 'clinical'],
      symptomatic: true,
    });
    expect(event?.domains.map((d) => [d.domain, d.date])).toEqual([
      ['vegf', '2025-07-01'],
      ['neurological', '2026-01-10'],
    ]);
  });
});
