import { DomainError } from '../../errors';
import { REGIMEN_CLASSES } from '../treatment/treatment-line.types';
import { RESPONSE_DOMAINS } from '../response/response-vocabulary';
import {
  EVIDENCE_LABELS,
  FOLLOWUP_SOURCE_IDS,
  FOLLOWUP_SOURCES,
  TRACKER_DEFAULT_NOTICE,
} from './evidence';
import {
  FOLLOWUP_RULE_IDS,
  SCHEDULE_CONDITIONS,
  type FollowupRuleId,
} from './followup-protocol.types';
import { POEMS_FOLLOWUP_V1 } from './poems-followup.v1';
import {
  defaultParameters,
  getFollowupProtocol,
  resolveParameters,
  validateParameters,
} from './registry';
import {
  followupRule,
  mergeBases,
  ruleBasis,
  trackerDefaultNotices,
} from './rule-basis';

const protocol = POEMS_FOLLOWUP_V1;
const label = (id: FollowupRuleId) => followupRule(protocol, id).label;
const labels = (...ids: FollowupRuleId[]) => ids.map(label);

describe('protocol poems-followup v1', () => {
  it('is version 1 of poems-followup, the newest in the registry', () => {
    expect(getFollowupProtocol()).toBe(protocol);
    expect(getFollowupProtocol(1)).toMatchObject({
      key: 'poems-followup',
      version: 1,
    });
    expect(() => getFollowupProtocol(2)).toThrow(DomainError);
  });

  it('defines every rule id once, labelled V, V2 or D — never U', () => {
    expect(protocol.rules.map((r) => r.id)).toEqual([...FOLLOWUP_RULE_IDS]);
    for (const rule of protocol.rules) {
      expect(EVIDENCE_LABELS).toContain(rule.label);
      expect(rule.statement.length).toBeGreaterThan(20);
      expect(rule.name.length).toBeGreaterThan(3);
    }
  });

  it('cites only sources of the reference, and a V2 rule rests on a secondary source', () => {
    for (const rule of protocol.rules) {
      for (const source of rule.sources) {
        expect(FOLLOWUP_SOURCE_IDS).toContain(source);
      }
      if (rule.label === 'V2') {
        expect(rule.sources.some((s) => FOLLOWUP_SOURCES[s].secondary)).toBe(
          true,
        );
      }
      if (rule.label === 'V') {
        expect(rule.sources.length).toBeGreaterThan(0);
        expect(rule.sources.every((s) => !FOLLOWUP_SOURCES[s].secondary)).toBe(
          true,
        );
      }
    }
    for (const sentence of Object.values(protocol.stagingImplications).flat()) {
      expect(sentence.sources.length).toBeGreaterThan(0);
    }
  });

  it('labels as the reference does: published criteria V, the unverified numbers adopted as D', () => {
    expect(
      labels(
        'staging_rule',
        'age_gt_50',
        'egfr_lt_30',
        'vegf_normalisation',
        'neurological_onls',
        'vegf_same_specimen',
      ),
    ).toEqual(Array(6).fill('V'));
    expect(
      labels(
        'low_albumin',
        'reduced_dlco_information',
        'raised_urine_protein_information',
      ),
    ).toEqual(Array(3).fill('V2'));
    expect(
      labels(
        'anchor',
        'baseline_window',
        'time_points',
        'confirmation',
        'limited_max_lesions',
        'beijing_factor_count',
        'risk_input_window',
        'age_completed_years',
        'pleural_effusion_any_imaging',
        'vegf_partial_response',
        'vegf_progression',
        'hematologic_progression',
        'hematologic_complete_response',
        'radiographic_categories',
        'neurological_one_point_step',
        'summary',
        'followup_schedule',
      ),
    ).toEqual(Array(17).fill('D'));
  });

  it('carries its parameters with their defaults and the allowed alternatives', () => {
    expect(defaultParameters(protocol)).toEqual({
      limited_max_lesions: 3,
      vegf_serum_normalisation_cutoff: 'lab_uln',
    });
    expect(
      protocol.parameters.find((p) => p.key === 'limited_max_lesions')?.allowed,
    ).toEqual([3, 2]);
    expect(
      protocol.parameters.find(
        (p) => p.key === 'vegf_serum_normalisation_cutoff',
      )?.allowed,
    ).toEqual(['lab_uln', 1000, 1040]);
    for (const p of protocol.parameters) {
      expect(p.allowed).toContain(p.default);
      expect(label(p.rule)).toBe('D');
    }
  });

  it('resolves a clinic’s choices, refusing values the protocol does not allow', () => {
    expect(resolveParameters(protocol, { limited_max_lesions: 2 })).toEqual({
      limited_max_lesions: 2,
      vegf_serum_normalisation_cutoff: 'lab_uln',
    });
    expect(
      validateParameters(protocol, {
        limited_max_lesions: 6,
        colour: 'red',
      }).map((e) => e.field),
    ).toEqual(['parameters.limited_max_lesions', 'parameters.colour']);
    expect(() =>
      resolveParameters(protocol, { vegf_serum_normalisation_cutoff: 1920 }),
    ).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });

  it('has the §1 windows, baseline window, anchors and confirmation rule', () => {
    expect(protocol.baselineWindowDays).toBe(90);
    expect(protocol.timePoints.map((t) => [t.months, t.halfWidthDays])).toEqual(
      [
        [3, 30],
        [6, 45],
        [12, 60],
        [18, 60],
        [24, 60],
        [36, 60],
        [48, 60],
        [60, 60],
        [72, 60],
        [84, 60],
        [96, 60],
        [108, 60],
        [120, 60],
      ],
    );
    expect(Object.keys(protocol.anchors).sort()).toEqual(
      [...REGIMEN_CLASSES].sort(),
    );
    expect(
      [
        ...protocol.confirmation.byNextResult,
        ...protocol.confirmation.immediate,
      ].sort(),
    ).toEqual([...RESPONSE_DOMAINS].sort());
    expect(protocol.riskScore).toMatchObject({
      key: 'beijing-factor-count',
      version: 1,
    });
  });

  it('schedules only catalog items at its own time points, under known conditions', () => {
    const keys = protocol.items.map((i) => i.key);
    const points = protocol.timePoints.map((t) => t.key);
    for (const entry of protocol.schedule) {
      expect(keys).toContain(entry.itemKey);
      expect(SCHEDULE_CONDITIONS).toContain(entry.condition);
      for (const tp of entry.timePoints) {
        expect(points).toContain(tp);
      }
    }
    expect(
      protocol.items.find((i) => i.key === 'chemistry_panel'),
    ).toMatchObject({ newInFollowup: true });
  });
});

describe('rule basis', () => {
  it('keeps the protocol’s order, deduplicates, and picks the D rules', () => {
    expect(
      ruleBasis(protocol, [
        'vegf_progression',
        'vegf_normalisation',
        'anchor',
        'anchor',
      ]),
    ).toEqual({
      rules: ['anchor', 'vegf_normalisation', 'vegf_progression'],
      trackerDefaults: ['anchor', 'vegf_progression'],
    });
    expect(
      mergeBases(
        protocol,
        ruleBasis(protocol, ['summary']),
        ruleBasis(protocol, ['staging_rule']),
      ).rules,
    ).toEqual(['staging_rule', 'summary']);
  });

  it('words a notice for each tracker default', () => {
    expect(
      trackerDefaultNotices(
        protocol,
        ruleBasis(protocol, ['confirmation', 'vegf_normalisation']),
      ),
    ).toEqual([
      {
        rule: 'confirmation',
        name: 'Confirmation of progression',
        text: `Confirmation of progression: ${TRACKER_DEFAULT_NOTICE}`,
      },
    ]);
    expect(TRACKER_DEFAULT_NOTICE).toBe(
      'tracker default, not a published criterion',
    );
  });

  it('refuses an unknown rule', () => {
    expect(() => followupRule({ ...protocol, rules: [] }, 'anchor')).toThrow(
      DomainError,
    );
  });
});
