import type {
  CodeableConcept,
  Condition,
  Observation,
  Patient,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import {
  DEFAULT_PROTOCOL_KEY,
  getProtocol,
  type FollowupRuleId,
  type RuleBasis,
} from '@poems/domain';
import { type FollowupView } from '@poems/contract';
import { POEMS_FHIR_BASE, SYSTEMS } from './fhir-codes';
import { followupCarePlan } from './fhir-followup-careplan';
import { stableUuid } from './fhir-ids';

/** A resource with the id its `urn:uuid:` full URL is made of. */
type Identified<T extends Resource> = T & { readonly id: string };

/** Code systems of the follow-up (poems-followup.md). */
export const FOLLOWUP_SYSTEMS = {
  /** The follow-up Observations' codes: staging, risk, response-<domain>. */
  followup: `${POEMS_FHIR_BASE}/CodeSystem/poems-followup`,
  /** Staging classes: limited | disseminated | no_focal_lesion | indeterminate. */
  stagingClass: `${POEMS_FHIR_BASE}/CodeSystem/poems-staging-class`,
  /** Risk groups of the tracker's `beijing-factor-count` grouping. */
  riskGroup: `${POEMS_FHIR_BASE}/CodeSystem/poems-risk-group`,
  /** Response categories per domain: progression | CR | PR | stable | improved | not_evaluable. */
  responseCategory: `${POEMS_FHIR_BASE}/CodeSystem/poems-response-category`,
  /** Why a domain is not evaluable: no_baseline, specimen_mismatch, … */
  notEvaluableReason: `${POEMS_FHIR_BASE}/CodeSystem/poems-not-evaluable-reason`,
} as const;

const words = (code: string): string => code.replace(/_/g, ' ');

const concept = (
  system: string,
  code: string,
  display = words(code),
): CodeableConcept => ({
  coding: [{ system, code, display }],
  text: display,
});

const DECISION_SUPPORT =
  'Decision support (protocol poems-followup): a hematologist signs off every staging, risk and response result.';

/** The note a figure carries: its tracker defaults named, as the product shows them. */
function basisNote(view: FollowupView, basis: RuleBasis): { text: string }[] {
  if (basis.trackerDefaults.length === 0) {
    return [{ text: DECISION_SUPPORT }];
  }
  const names = basis.trackerDefaults.map(
    (id) => view.rules.find((r) => r.id === id)?.name ?? id,
  );
  return [
    {
      text: `${DECISION_SUPPORT} Depends on rules that are a ${view.trackerDefaultNotice}: ${names.join('; ')}.`,
    },
  ];
}

/**
 * The follow-up of a patient as FHIR R4 resources: the signed-off diagnosis as a confirmed
 * Condition with its onset (the diagnosis date) and the staging class as its stage; an Observation
 * of the staging, one of the risk group (the tracker's grouping, labelled), and one per domain
 * and time point that a result categorised, and per treatment line a CarePlan of its follow-up
 * schedule (one activity per instance). Nothing before the sign-off.
 */
export function followupResources(
  view: FollowupView | null,
  patient: Reference<Patient>,
): Identified<Resource>[] {
  const evaluation = view?.evaluation;
  if (!view || !view.diagnosis || !evaluation) {
    return [];
  }
  const { diagnosis } = view;
  const protocol = `${evaluation.protocol.key} v${evaluation.protocol.version}`;
  const staging = evaluation.staging;
  const condition: Identified<Condition> = {
    resourceType: 'Condition',
    id: stableUuid(`${diagnosis.id}/diagnosis`),
    clinicalStatus: {
      coding: [
        {
          system: SYSTEMS.conditionClinical,
          code: 'active',
          display: 'Active',
        },
      ],
    },
    verificationStatus: {
      coding: [
        {
          system: SYSTEMS.conditionVerification,
          code: 'confirmed',
          display: 'Confirmed',
        },
      ],
    },
    category: [
      {
        coding: [
          {
            system: SYSTEMS.conditionCategory,
            code: 'encounter-diagnosis',
            display: 'Encounter Diagnosis',
          },
        ],
      },
    ],
    code: {
      coding: getProtocol(DEFAULT_PROTOCOL_KEY).conditionCodes.map((c) => ({
        system: c.system,
        code: c.code,
        display: c.display,
      })),
      text: 'POEMS syndrome',
    },
    subject: patient,
    onsetDateTime: diagnosis.diagnosisDate,
    recordedDate: diagnosis.signedOffAt,
    stage: [
      {
        summary: concept(FOLLOWUP_SYSTEMS.stagingClass, staging.class),
        type: { text: `POEMS staging at diagnosis (${protocol})` },
      },
    ],
    note: [
      {
        text: `Signed off by a hematologist from workup ${diagnosis.workupId} on ${diagnosis.signedOffAt}.`,
      },
    ],
  };
  const focus = [{ reference: `urn:uuid:${condition.id}` }];
  const observation = (
    key: string,
    display: string,
    rest: Omit<Observation, 'resourceType' | 'status' | 'code' | 'subject'>,
  ): Identified<Observation> => ({
    resourceType: 'Observation',
    status: 'preliminary',
    code: concept(FOLLOWUP_SYSTEMS.followup, key, display),
    subject: patient,
    focus,
    ...rest,
    id: rest.id as string,
  });
  const resources: Identified<Resource>[] = [
    condition,
    observation('staging', 'POEMS staging at diagnosis', {
      id: stableUuid(`${diagnosis.id}/staging`),
      effectiveDateTime: diagnosis.diagnosisDate,
      valueCodeableConcept: concept(
        FOLLOWUP_SYSTEMS.stagingClass,
        staging.class,
      ),
      ...(staging.missingInputs.length > 0 && {
        component: staging.missingInputs.map((input) => ({
          code: concept(
            FOLLOWUP_SYSTEMS.followup,
            'missing-input',
            'missing input',
          ),
          valueString: input,
        })),
      }),
      note: basisNote(view, staging),
    }),
    observation('risk', 'POEMS risk at diagnosis (tracker grouping)', {
      id: stableUuid(`${diagnosis.id}/risk`),
      effectiveDateTime: diagnosis.diagnosisDate,
      valueCodeableConcept: concept(
        FOLLOWUP_SYSTEMS.riskGroup,
        evaluation.risk.group,
      ),
      component: [
        {
          code: concept(
            FOLLOWUP_SYSTEMS.followup,
            'risk-min',
            'factors present, unknown counted absent',
          ),
          valueInteger: evaluation.risk.min,
        },
        {
          code: concept(
            FOLLOWUP_SYSTEMS.followup,
            'risk-max',
            'factors present, unknown counted present',
          ),
          valueInteger: evaluation.risk.max,
        },
      ],
      note: [
        { text: evaluation.risk.score.label },
        ...basisNote(view, evaluation.risk),
      ],
    }),
  ];
  // The schedule's instances, windows and anchors are tracker defaults: the plan says which.
  const scheduleRules: FollowupRuleId[] = [
    'anchor',
    'time_points',
    'followup_schedule',
  ];
  const scheduleNote = basisNote(view, {
    rules: scheduleRules,
    trackerDefaults: scheduleRules.filter(
      (id) => view.rules.find((r) => r.id === id)?.label === 'D',
    ),
  });
  for (const line of evaluation.lines) {
    resources.push(
      followupCarePlan(
        view,
        line,
        patient,
        focus[0] as Reference<Condition>,
        scheduleNote,
      ),
    );
    for (const timePoint of line.timePoints) {
      for (const domain of timePoint.domains) {
        if (domain.status !== 'assessed') {
          continue;
        }
        resources.push(
          observation(
            `response-${domain.domain}`,
            `${words(domain.domain)} response`,
            {
              id: stableUuid(
                `${line.line.id}/${timePoint.key}/${domain.domain}`,
              ),
              identifier: [
                {
                  system: `${POEMS_FHIR_BASE}/sid/followup-assessment`,
                  value: `${line.line.id}/${timePoint.key}/${domain.domain}`,
                },
              ],
              effectiveDateTime: domain.date ?? timePoint.targetDate,
              valueCodeableConcept: concept(
                FOLLOWUP_SYSTEMS.responseCategory,
                domain.category,
              ),
              component: [
                {
                  code: concept(
                    FOLLOWUP_SYSTEMS.followup,
                    'time-point',
                    'time point',
                  ),
                  valueString: `${timePoint.key} of line ${line.line.lineNumber}`,
                },
                ...(domain.reason
                  ? [
                      {
                        code: concept(
                          FOLLOWUP_SYSTEMS.followup,
                          'not-evaluable-reason',
                          'not evaluable reason',
                        ),
                        valueCodeableConcept: concept(
                          FOLLOWUP_SYSTEMS.notEvaluableReason,
                          domain.reason,
                        ),
                      },
                    ]
                  : []),
                ...(domain.confirmation
                  ? [
                      {
                        code: concept(
                          FOLLOWUP_SYSTEMS.followup,
                          'confirmation',
                          'confirmation',
                        ),
                        valueString: words(domain.confirmation),
                      },
                    ]
                  : []),
              ],
              note: basisNote(view, domain),
            },
          ),
        );
      }
    }
  }
  return resources;
}
