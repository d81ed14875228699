import { Inject, Injectable } from '@nestjs/common';
import {
  demographicMismatch,
  DomainError,
  mrnOf,
  planInboundReport,
  type DecodedReport,
  type EarlierResult,
  type InboxProposal,
  type InboxReason,
  type ItemApplication,
  type ItemState,
  type ResultInput,
  type ResultSource,
} from '@poems/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditWriter } from '../audit/audit-writer';
import type { RequestContext } from '../common/request-context/request-context';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { ItemActionsService } from '../workups/item-actions.service';
import type { ResultItemDto } from '../workups/workups.dto';
import { WorkupsRepository } from '../workups/workups.repository';
import { interfaceActor, type LabInterface } from './lab-interface';
import { RawCipher } from './raw-cipher';

/** One message (or FHIR submission) as an adapter hands it over. */
export interface InboundSubmission {
  readonly iface: LabInterface;
  readonly protocol: 'hl7v2' | 'fhir';
  readonly sendingApplication: string;
  readonly sendingFacility: string;
  /** MSH-10, or the FHIR submission's identifier: the dedupe key with the sender. */
  readonly controlId: string;
  /** SHA-256 of the content that must match for a resend to be a duplicate (MSH-7 blanked). */
  readonly contentSha256: Buffer;
  readonly raw: Buffer;
  readonly report: DecodedReport;
  /** Where it came from, for the audit log. */
  readonly clientIp: string;
  /** The answer to store with the message and send back (ACK, FHIR response). */
  readonly respond: (outcome: InboundOutcome) => {
    readonly text: string;
    readonly code: 'AA' | 'AE';
  };
}

/** What processing a message did. */
export interface InboundOutcome {
  readonly messageId: string;
  readonly applied: readonly ItemApplication[];
  readonly held: readonly InboxProposal[];
  /** Inbox entry ids, in the order of `held`. */
  readonly entryIds: readonly string[];
  readonly patientId: string | null;
}

/** The answer to a submission. */
export type InboundResult =
  | {
      readonly kind: 'processed';
      readonly response: string;
      readonly outcome: InboundOutcome;
    }
  /** Same key, same content: the stored answer, verbatim; nothing was done. */
  | {
      readonly kind: 'duplicate';
      readonly response: string;
      readonly messageId: string;
    }
  /** Same key, other content: refused (AE 205); nothing was stored. */
  | { readonly kind: 'reused_key'; readonly messageId: string };

/** Where the patient stands for this report. */
interface PatientMatch {
  readonly patientId: string | null;
  readonly workupId: string | null;
  readonly reason?: { readonly reason: InboxReason; readonly detail: string };
}

/**
 * One inbound message in one database transaction (lab-interface reference §1.1): store it
 * (encrypted) and settle duplicates by the unique key, match the patient with the wrong-patient
 * guard, plan with the domain, apply exact matches through the very `result` action a hematologist
 * uses (its validation, inference, evaluation, history and audit; the interface as actor, the
 * message named in the history), raise every other observation in the inbox, and store the answer.
 * Nothing is acknowledged before this commits: the caller sends the answer only after.
 */
@Injectable()
export class InboundPipeline {
  constructor(
    private readonly dataSource: DataSource,
    private readonly workups: WorkupsRepository,
    private readonly actions: ItemActionsService,
    private readonly audit: AuditWriter,
    private readonly cipher: RawCipher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether inbound results can be stored (an encryption key is configured). */
  get available(): boolean {
    return this.cipher.available;
  }

  async submit(submission: InboundSubmission): Promise<InboundResult> {
    const context = this.contextOf(submission);
    const result = await this.dataSource.transaction(async (manager) => {
      const [inserted] = (await manager.query(
        `INSERT INTO inbound_messages
           (interface_id, protocol, sending_application, sending_facility, control_id, content_sha256, raw, ack, ack_code)
         VALUES ($1, $2, $3, $4, $5, $6, $7, '', 'AA')
         ON CONFLICT (interface_id, sending_application, sending_facility, control_id) DO NOTHING
         RETURNING id`,
        [
          submission.iface.id,
          submission.protocol,
          submission.sendingApplication,
          submission.sendingFacility,
          submission.controlId,
          submission.contentSha256,
          this.cipher.encrypt(submission.raw),
        ],
      )) as { id: string }[];
      if (inserted === undefined) {
        return this.settleDuplicate(manager, context, submission);
      }
      return this.process(
        manager,
        { ...context, requestId: inserted.id },
        submission,
        inserted.id,
      );
    });
    return result;
  }

  private contextOf(submission: InboundSubmission): RequestContext {
    return {
      actor: interfaceActor(submission.iface),
      requestId: 'inbound',
      clientIp: submission.clientIp,
    };
  }

  private async settleDuplicate(
    manager: EntityManager,
    context: RequestContext,
    submission: InboundSubmission,
  ): Promise<InboundResult> {
    const [stored] = (await manager.query(
      `SELECT id, content_sha256, ack FROM inbound_messages
        WHERE interface_id = $1 AND sending_application = $2 AND sending_facility = $3 AND control_id = $4`,
      [
        submission.iface.id,
        submission.sendingApplication,
        submission.sendingFacility,
        submission.controlId,
      ],
    )) as { id: string; content_sha256: Buffer; ack: string }[];
    if (stored === undefined) {
      throw new Error(
        'The duplicate key vanished between the insert and the read.',
      );
    }
    const same = stored.content_sha256.equals(submission.contentSha256);
    await this.audit.record(manager, context, {
      action: same ? 'inbound.duplicate' : 'inbound.rejected',
      outcome: same ? 'success' : 'failure',
      entityType: 'inbound_message',
      entityId: stored.id,
      details: {
        protocol: submission.protocol,
        controlId: submission.controlId,
        ...(!same && { reason: 'control id reused with other content' }),
      },
    });
    return same
      ? { kind: 'duplicate', response: stored.ack, messageId: stored.id }
      : { kind: 'reused_key', messageId: stored.id };
  }

  private async process(
    manager: EntityManager,
    context: RequestContext,
    submission: InboundSubmission,
    messageId: string,
  ): Promise<InboundResult> {
    const iface = submission.iface;
    const match = await this.matchPatient(
      manager,
      submission.report,
      submission.protocol,
    );
    const earlier =
      match.patientId === null
        ? []
        : await this.earlierResults(manager, iface.id, match.patientId);
    const items =
      match.workupId === null
        ? undefined
        : await this.itemStates(manager, match.workupId);
    const plan = planInboundReport(submission.report, {
      mapping: iface.mapping,
      interfaceId: iface.id,
      earlier,
      ...(items !== undefined && { items }),
      ...(match.reason !== undefined && { patientReason: match.reason }),
    });

    const applied: ItemApplication[] = [];
    const held: InboxProposal[] = [...plan.inbox];
    for (const application of plan.applications) {
      const refusal = await this.apply(
        manager,
        context,
        submission,
        messageId,
        match,
        application,
      );
      if (refusal === undefined) {
        applied.push(application);
      } else {
        held.push(refusal);
      }
    }
    const entryIds: string[] = [];
    for (const proposal of held) {
      entryIds.push(
        await this.raise(
          manager,
          context,
          submission,
          messageId,
          match,
          proposal,
          earlier,
        ),
      );
    }
    const outcome: InboundOutcome = {
      messageId,
      applied,
      held,
      entryIds,
      patientId: match.patientId,
    };
    const response = submission.respond(outcome);
    await manager.query(
      `UPDATE inbound_messages SET ack = $2, ack_code = $3, applied = $4, held = $5, patient_id = $6 WHERE id = $1`,
      [
        messageId,
        response.text,
        response.code,
        applied.length,
        held.length,
        match.patientId,
      ],
    );
    await this.audit.record(manager, context, {
      action: 'inbound.received',
      patientId: match.patientId,
      entityType: 'inbound_message',
      entityId: messageId,
      details: {
        protocol: submission.protocol,
        interface: iface.name,
        controlId: submission.controlId,
        applied: applied.map((a) => a.itemKey),
        held: held.map((h) => h.reason),
      },
    });
    return { kind: 'processed', response: response.text, outcome };
  }

  private async matchPatient(
    manager: EntityManager,
    report: DecodedReport,
    protocol: InboundSubmission['protocol'],
  ): Promise<PatientMatch> {
    const mrn = mrnOf(report.patient, this.config.hl7MrnAuthority);
    if (mrn.kind === 'none') {
      return {
        patientId: null,
        workupId: null,
        reason: { reason: 'unknown_patient', detail: mrn.detail },
      };
    }
    // MRNs are unique regardless of case (uq_patients_mrn_ci), so a result written in another
    // case still finds its one patient.
    const [patient] = (await manager.query(
      `SELECT id, family_name AS "familyName", birth_date::text AS "birthDate" FROM patients WHERE lower(mrn) = lower($1)`,
      [mrn.mrn],
    )) as { id: string; familyName: string; birthDate: string }[];
    if (patient === undefined) {
      return {
        patientId: null,
        workupId: null,
        reason: {
          reason: 'unknown_patient',
          detail: 'no registered patient has this MRN',
        },
      };
    }
    // An ORU always names the patient (PID-5, PID-7): both must agree. A FHIR subject is an
    // identifier of the configured MRN system, sent with the interface's own key; demographics
    // are compared when it sends them.
    const sentDemographics =
      report.patient.familyName !== undefined ||
      report.patient.birthDate !== undefined;
    const mismatch =
      protocol === 'hl7v2' || sentDemographics
        ? demographicMismatch(report.patient, patient)
        : undefined;
    if (mismatch !== undefined) {
      // The wrong-patient guard: nothing goes near this patient's workup.
      return {
        patientId: null,
        workupId: null,
        reason: { reason: 'demographic_mismatch', detail: mismatch },
      };
    }
    const [workup] = (await manager.query(
      `SELECT id FROM workups WHERE patient_id = $1 AND status = 'open' ORDER BY opened_at DESC LIMIT 1`,
      [patient.id],
    )) as { id: string }[];
    if (workup === undefined) {
      return {
        patientId: patient.id,
        workupId: null,
        reason: {
          reason: 'no_open_workup',
          detail: 'the patient has no open workup',
        },
      };
    }
    // Locked for the whole message: the plan is made on the items as they will be changed.
    await this.workups.lock(manager, workup.id);
    return { patientId: patient.id, workupId: workup.id };
  }

  private async earlierResults(
    manager: EntityManager,
    interfaceId: string,
    patientId: string,
  ): Promise<EarlierResult[]> {
    return (await manager.query(
      `SELECT DISTINCT filler_order AS "fillerOrder", loinc, sub_id AS "subId", item_key AS "itemKey"
         FROM inbound_results WHERE interface_id = $1 AND patient_id = $2`,
      [interfaceId, patientId],
    )) as EarlierResult[];
  }

  private async itemStates(
    manager: EntityManager,
    workupId: string,
  ): Promise<ItemState[]> {
    return (await this.workups.items(manager, workupId)).map((item) => ({
      key: item.key,
      status: item.status,
      active: item.active,
      required: item.required,
      result: item.result as ResultInput | null,
      source:
        item.resultSource ?? (item.result === null ? null : { kind: 'typed' }),
    }));
  }

  /**
   * Applies one item result through the `result` action, inside a savepoint: a result the action
   * refuses (its validation, the lifecycle) goes to the inbox instead, and the rest of the message
   * still commits.
   */
  private async apply(
    manager: EntityManager,
    context: RequestContext,
    submission: InboundSubmission,
    messageId: string,
    match: PatientMatch,
    application: ItemApplication,
  ): Promise<InboxProposal | undefined> {
    const workupId = match.workupId as string;
    const items = await this.workups.items(manager, workupId);
    const item = items.find((i) => i.key === application.itemKey);
    const source: ResultSource = {
      kind: 'interface',
      interfaceId: submission.iface.id,
      interfaceName: submission.iface.name,
      messageId,
      controlId: submission.controlId,
      ...(application.fillerOrder !== undefined && {
        fillerOrder: application.fillerOrder,
      }),
    };
    const body = {
      version: item?.version ?? 0,
      ...(application.performedAt !== undefined && {
        performedAt: application.performedAt,
      }),
      ...application.result,
    } as ResultItemDto;
    await manager.query('SAVEPOINT inbound_apply');
    try {
      await this.actions.act(
        context,
        workupId,
        { key: application.itemKey, action: 'result', body },
        { manager, source },
      );
    } catch (error) {
      if (!(error instanceof DomainError)) {
        throw error;
      }
      await manager.query('ROLLBACK TO SAVEPOINT inbound_apply');
      return {
        reason:
          error.code === 'validation_failed' ? 'result_invalid' : 'item_closed',
        priority: 1,
        detail: error.message,
        itemKey: application.itemKey,
        result: application.result,
        observations: application.observations,
        ...(application.fillerOrder !== undefined && {
          fillerOrder: application.fillerOrder,
        }),
        ...(application.performedAt !== undefined && {
          performedAt: application.performedAt,
        }),
      };
    }
    await manager.query('RELEASE SAVEPOINT inbound_apply');
    for (const { loinc, subId } of application.loincs) {
      await manager.query(
        `INSERT INTO inbound_results (message_id, interface_id, filler_order, loinc, sub_id, workup_id, item_key, patient_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          messageId,
          submission.iface.id,
          application.fillerOrder ?? '',
          loinc,
          subId,
          workupId,
          application.itemKey,
          match.patientId,
        ],
      );
    }
    await this.audit.record(manager, context, {
      action: 'inbound.applied',
      patientId: match.patientId,
      entityType: 'workup_item',
      entityId: item?.id ?? null,
      details: {
        messageId,
        controlId: submission.controlId,
        workupId,
        itemKey: application.itemKey,
        correction: application.correction,
        merged: application.merged,
      },
    });
    return undefined;
  }

  private async raise(
    manager: EntityManager,
    context: RequestContext,
    submission: InboundSubmission,
    messageId: string,
    match: PatientMatch,
    proposal: InboxProposal,
    earlier: readonly EarlierResult[],
  ): Promise<string> {
    // A wrong-patient or deleted result names the item it was applied to, if it was.
    const related =
      proposal.reason === 'wrong_patient' ||
      proposal.reason === 'result_deleted'
        ? earlier.find(
            (e) =>
              e.fillerOrder === (proposal.fillerOrder ?? '') &&
              (proposal.itemKey === undefined ||
                e.itemKey === proposal.itemKey),
          )
        : undefined;
    const patient = submission.report.patient;
    const mrn = mrnOf(patient, this.config.hl7MrnAuthority);
    const sentPatient = {
      mrn:
        mrn.kind === 'mrn' ? mrn.mrn : (patient.identifiers[0]?.value ?? null),
      familyName: patient.familyName ?? null,
      givenName: patient.givenName ?? null,
      birthDate: patient.birthDate ?? null,
      sex: patient.sex ?? null,
    };
    const [row] = (await manager.query(
      `INSERT INTO inbox_entries
         (message_id, interface_id, reason, priority, detail, filler_order, item_key, patient_id, workup_id,
          sent_patient, proposal, observations)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       RETURNING id`,
      [
        messageId,
        submission.iface.id,
        proposal.reason,
        proposal.priority,
        proposal.detail,
        proposal.fillerOrder ?? null,
        related?.itemKey ?? proposal.itemKey ?? null,
        match.patientId,
        match.workupId,
        JSON.stringify(sentPatient),
        JSON.stringify({
          ...(proposal.itemKey !== undefined && { itemKey: proposal.itemKey }),
          ...(proposal.result !== undefined && { result: proposal.result }),
          ...(proposal.performedAt !== undefined && {
            performedAt: proposal.performedAt,
          }),
          ...(related !== undefined && { relatedItemKey: related.itemKey }),
        }),
        JSON.stringify(proposal.observations),
      ],
    )) as { id: string }[];
    const id = (row as { id: string }).id;
    await this.audit.record(manager, context, {
      action: 'inbound.held',
      patientId: match.patientId,
      entityType: 'inbox_entry',
      entityId: id,
      details: {
        messageId,
        controlId: submission.controlId,
        reason: proposal.reason,
        itemKey: proposal.itemKey ?? null,
      },
    });
    return id;
  }
}
