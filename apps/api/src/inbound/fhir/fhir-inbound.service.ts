import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type {
  Bundle,
  BundleEntry,
  CapabilityStatement,
  Observation,
  OperationOutcome,
  Resource,
} from '@medplum/fhirtypes';
import { DomainError, mrnOf, type InboxReason } from '@poems/domain';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.module';
import {
  InboundPipeline,
  type InboundOutcome,
} from '../inbound-pipeline.service';
import type { LabInterface } from '../lab-interface';
import { fhirValidationErrors } from './fhir-definitions';
import { entriesOf, reportOfFhir } from './fhir-report';

/** The answer of a FHIR submission. */
export interface FhirAnswer {
  readonly status: number;
  readonly body: Resource;
  readonly location?: string;
}

const ALLOWED = new Set(['DiagnosticReport', 'Observation', 'Specimen']);
const BUNDLE_TYPES = new Set(['transaction', 'batch', 'collection']);

const REASON_TEXT: Partial<Record<InboxReason, string>> = {
  unknown_patient:
    'No registered patient has this identifier: held in the review inbox.',
  unknown_code:
    'The observation code is not on the checklist: held in the review inbox.',
  status_P: 'Preliminary result: held in the review inbox, never applied.',
};

/**
 * The FHIR R4 endpoint's work (lab-interface reference §3): validate with @medplum/core against the
 * R4 definitions, check the business rules, turn the resources into the same report the HL7 listener
 * makes and hand it to the same pipeline; answer a transaction-response (or batch-response) Bundle,
 * each entry 201 Created, or 200 OK when `ifNoneExist` matched (a resubmission) or for a correction,
 * with a warning outcome when the entry went to the inbox.
 */
@Injectable()
export class FhirInbound {
  constructor(
    private readonly pipeline: InboundPipeline,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async bundle(
    iface: LabInterface,
    body: unknown,
    clientIp: string,
    asCollection = false,
  ): Promise<FhirAnswer> {
    const bundle = this.resource(body, 'Bundle') as Bundle;
    if (
      !BUNDLE_TYPES.has(bundle.type) ||
      (asCollection && bundle.type !== 'collection')
    ) {
      throw new DomainError(
        'unprocessable',
        'Send a transaction, batch or collection Bundle.',
      );
    }
    const entries = entriesOf(bundle);
    entries.forEach(({ resource, entry }, i) => {
      if (!resource || !ALLOWED.has(resource.resourceType)) {
        throw DomainError.invalid([
          {
            field: `Bundle.entry[${i}].resource`,
            message:
              'only DiagnosticReport, Observation and Specimen are accepted',
          },
        ]);
      }
      if (bundle.type !== 'collection' && entry.request?.method !== 'POST') {
        throw DomainError.invalid([
          {
            field: `Bundle.entry[${i}].request.method`,
            message: 'entries are created with POST',
          },
        ]);
      }
    });
    const submission = this.decode(entries);
    const ifNoneExist = entries
      .map(({ entry }) => entry.request?.ifNoneExist)
      .find((c) => c !== undefined);
    const key = dedupeKey(
      bundle.identifier?.value ?? identifierOfCondition(ifNoneExist),
      body,
      submission.status,
    );
    const responseType =
      bundle.type === 'batch' ? 'batch-response' : 'transaction-response';
    const result = await this.submit(
      iface,
      key,
      body,
      clientIp,
      submission.report,
      (outcome) =>
        JSON.stringify(
          responseBundle(
            responseType,
            entries.map((e) => e.entry),
            submission.observationEntries,
            outcome,
          ),
        ),
    );
    if (result.kind === 'duplicate') {
      return {
        status: 200,
        body: asResubmission(JSON.parse(result.response) as Bundle),
      };
    }
    return { status: 200, body: JSON.parse(result.response) as Bundle };
  }

  async observation(
    iface: LabInterface,
    body: unknown,
    clientIp: string,
    ifNoneExist: string | undefined,
  ): Promise<FhirAnswer> {
    const observation = this.resource(body, 'Observation') as Observation;
    const submission = this.decode([{ resource: observation }]);
    const key = dedupeKey(
      identifierOfCondition(ifNoneExist) ??
        observation.identifier?.find((i) => i.value)?.value,
      body,
      submission.status,
    );
    const result = await this.submit(
      iface,
      key,
      body,
      clientIp,
      submission.report,
      (outcome) => {
        const held = outcome.held[0];
        return JSON.stringify({
          location: `Observation/${outcome.messageId}-0`,
          outcome: outcomeOf(
            held === undefined ? undefined : held.reason,
            held?.detail,
          ),
        });
      },
    );
    const stored = JSON.parse(result.response) as {
      location: string;
      outcome: OperationOutcome;
    };
    return {
      status: result.kind === 'duplicate' ? 200 : 201,
      body: stored.outcome,
      location: stored.location,
    };
  }

  capabilities(): CapabilityStatement {
    return {
      resourceType: 'CapabilityStatement',
      status: 'active',
      date: '2026-12-07',
      kind: 'instance',
      fhirVersion: '4.0.1',
      format: ['application/fhir+json'],
      implementation: {
        description: 'POEMS workup tracker: inbound laboratory results',
      },
      rest: [
        {
          mode: 'server',
          documentation:
            'Interfaces authenticate with their API key as a Bearer token.',
          interaction: [{ code: 'transaction' }, { code: 'batch' }],
          resource: [
            {
              type: 'Observation',
              interaction: [{ code: 'create' }],
              conditionalCreate: true,
            },
            {
              type: 'DiagnosticReport',
              interaction: [{ code: 'create' }],
              conditionalCreate: true,
            },
            { type: 'Specimen', interaction: [{ code: 'create' }] },
          ],
        },
      ],
    };
  }

  private resource(body: unknown, type: string): Resource {
    if (
      typeof body !== 'object' ||
      body === null ||
      Array.isArray(body) ||
      (body as Resource).resourceType !== type
    ) {
      throw DomainError.invalid([
        { field: 'resourceType', message: `send one ${type} resource` },
      ]);
    }
    const errors = fhirValidationErrors(body as Resource);
    if (errors.length > 0) {
      throw DomainError.invalid(
        errors,
        'The resource does not validate against FHIR R4.',
      );
    }
    return body as Resource;
  }

  private decode(
    entries: readonly { fullUrl?: string; resource: Resource }[],
  ): ReturnType<typeof reportOfFhir> {
    const submission = reportOfFhir(entries);
    if (
      this.config.hl7MrnAuthority !== undefined &&
      mrnOf(submission.report.patient, this.config.hl7MrnAuthority).kind ===
        'none'
    ) {
      throw new DomainError(
        'unprocessable',
        'The subject has no identifier in the configured MRN system.',
      );
    }
    return submission;
  }

  private async submit(
    iface: LabInterface,
    key: string,
    body: unknown,
    clientIp: string,
    report: ReturnType<typeof reportOfFhir>['report'],
    respond: (outcome: InboundOutcome) => string,
  ): Promise<{ kind: 'processed' | 'duplicate'; response: string }> {
    if (!this.pipeline.available) {
      throw new DomainError(
        'unavailable',
        'Inbound results are not configured (no INBOUND_ENCRYPTION_KEY).',
      );
    }
    const raw = Buffer.from(JSON.stringify(body), 'utf8');
    const result = await this.pipeline.submit({
      iface,
      protocol: 'fhir',
      sendingApplication: iface.sendingApplication,
      sendingFacility: iface.sendingFacility,
      controlId: key,
      contentSha256: createHash('sha256').update(raw).digest(),
      raw,
      report,
      clientIp,
      respond: (outcome) => ({ text: respond(outcome), code: 'AA' }),
    });
    if (result.kind === 'reused_key') {
      throw new DomainError(
        'precondition_failed',
        'A submission with this identifier and other content was already received.',
      );
    }
    return { kind: result.kind, response: result.response };
  }
}

/** `identifier=system|value` → `system|value`. */
function identifierOfCondition(
  condition: string | undefined,
): string | undefined {
  const match = /^identifier=(.+)$/.exec(condition ?? '');
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

/** The dedupe key: the identifier the sender names, else the content's hash; with the status, so a correction is new. */
function dedupeKey(
  identifier: string | undefined,
  body: unknown,
  status: string,
): string {
  const base =
    identifier ??
    `sha256:${createHash('sha256').update(JSON.stringify(body)).digest('hex')}`;
  return `${base}#${status}`.slice(0, 500);
}

function outcomeOf(
  reason: InboxReason | undefined,
  detail: string | undefined,
): OperationOutcome {
  return reason === undefined
    ? {
        resourceType: 'OperationOutcome',
        issue: [
          {
            severity: 'information',
            code: 'informational',
            diagnostics: 'Applied to the workup.',
          },
        ],
      }
    : {
        resourceType: 'OperationOutcome',
        issue: [
          {
            severity: 'warning',
            code: 'business-rule',
            diagnostics: `${REASON_TEXT[reason] ?? 'Held in the review inbox.'} (${reason}${detail ? `: ${detail}` : ''})`,
          },
        ],
      };
}

function responseBundle(
  type: 'transaction-response' | 'batch-response',
  entries: readonly BundleEntry[],
  observationEntries: ReadonlyMap<number, string>,
  outcome: InboundOutcome,
): Bundle {
  return {
    resourceType: 'Bundle',
    type,
    entry: entries.map((entry, index) => {
      const setId = observationEntries.get(index);
      const held =
        setId === undefined
          ? undefined
          : outcome.held.find((h) =>
              h.observations.some((o) => o.setId === setId),
            );
      const applied =
        setId === undefined
          ? undefined
          : outcome.applied.find((a) =>
              a.observations.some((o) => o.setId === setId),
            );
      const type = entry.resource?.resourceType ?? 'Resource';
      return {
        response: {
          status: applied?.correction ? '200 OK' : '201 Created',
          location: `${type}/${outcome.messageId}-${index}`,
          ...(held !== undefined && {
            outcome: outcomeOf(held.reason, held.detail),
          }),
        },
      };
    }),
  };
}

/** A stored response answered again: every entry matched its `ifNoneExist`, so 200 OK. */
function asResubmission(bundle: Bundle): Bundle {
  return {
    ...bundle,
    entry: (bundle.entry ?? []).map((e) => ({
      ...e,
      response: { ...e.response, status: '200 OK' },
    })),
  };
}
