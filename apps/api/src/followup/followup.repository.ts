import { Injectable } from '@nestjs/common';
import type {
  ItemStatus,
  ResultInput,
  RiskObservation,
  StagingInputs,
} from '@poems/domain';
import type {
  DiagnosisView,
  FollowupRecordView,
  TreatmentLineView,
} from '@poems/contract';
import type { EntityManager } from 'typeorm';
import type { AuditEventInput, AuditWriter } from '../audit/audit-writer';
import type { RequestContext } from '../common/request-context/request-context';
import type { FollowupReportFacts } from './followup-report-facts';

/** A stored instance row (snake_case columns read as camelCase). */
export interface InstanceRow {
  readonly id: string;
  readonly patientId: string;
  readonly lineId: string;
  readonly itemKey: string;
  readonly timePoint: string;
  readonly targetDate: string;
  readonly dueDate: string;
  readonly windowStart: string;
  readonly rangeEnd: string;
  readonly conditional: boolean;
  readonly active: boolean;
  readonly activated: boolean;
  readonly status: ItemStatus;
  readonly actionStatus: ItemStatus;
  readonly reason: string | null;
  readonly scheduledAt: Date | null;
  readonly location: string | null;
  readonly performedAt: Date | null;
  readonly closedByResultId: string | null;
  readonly version: number;
}

/** A stored follow-up result. */
export interface ResultRow {
  readonly id: string;
  readonly itemKey: string;
  readonly instanceId: string | null;
  readonly performedOn: string;
  readonly result: ResultInput;
  readonly correctsId: string | null;
  readonly recordedAt: Date;
}

/** A done workup result (a baseline for the follow-up). */
export interface WorkupResultRow {
  readonly id: string;
  readonly itemKey: string;
  readonly performedAt: Date;
  readonly result: ResultInput;
}

/** A history step as read back. */
export interface HistoryRow {
  readonly id: string;
  readonly entityType: FollowupHistoryStep['entityType'];
  readonly entityId: string;
  readonly action: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly actorId: string | null;
  readonly username: string | null;
  readonly actorRole: string | null;
  readonly recordedAt: Date;
  readonly reason: string | null;
  readonly details: Record<string, unknown> | null;
}

/** One step in the follow-up history. */
export interface FollowupHistoryStep {
  readonly patientId: string;
  readonly entityType:
    | 'diagnosis'
    | 'staging'
    | 'risk'
    | 'treatment_line'
    | 'followup_instance'
    | 'followup_result';
  readonly entityId: string;
  readonly action: string;
  readonly from?: string | null;
  readonly to?: string | null;
  readonly actorId: string | null;
  readonly actorRole: string | null;
  readonly reason?: string | null;
  readonly details?: Record<string, unknown> | null;
}

const INSTANCE_COLUMNS = `id, patient_id AS "patientId", line_id AS "lineId", item_key AS "itemKey",
  time_point AS "timePoint", to_char(target_date, 'YYYY-MM-DD') AS "targetDate",
  to_char(due_date, 'YYYY-MM-DD') AS "dueDate", to_char(window_start, 'YYYY-MM-DD') AS "windowStart",
  to_char(range_end, 'YYYY-MM-DD') AS "rangeEnd", conditional, active, activated, status,
  action_status AS "actionStatus", reason, scheduled_at AS "scheduledAt", location,
  performed_at AS "performedAt", closed_by_result_id AS "closedByResultId", version`;

const LINE_COLUMNS = `id, line_number AS "lineNumber", intent, regimen_class AS "regimenClass",
  regimen_text AS "regimenText", induction_class AS "inductionClass",
  to_char(start_date, 'YYYY-MM-DD') AS "startDate", to_char(end_date, 'YYYY-MM-DD') AS "endDate",
  to_char(transplant_date, 'YYYY-MM-DD') AS "transplantDate", radiation_sites AS "radiationSites",
  stop_reason AS "stopReason", version, updated_at AS "updatedAt"`;

/** Plain SQL over the follow-up tables, always in the caller's transaction. */
@Injectable()
export class FollowupRepository {
  /** Locks the patient row: one follow-up change per patient at a time. Null when unknown. */
  async lockPatient(
    manager: EntityManager,
    patientId: string,
  ): Promise<{ id: string; birthDate: string | null } | null> {
    const [row] = (await manager.query(
      `SELECT id, to_char(birth_date, 'YYYY-MM-DD') AS "birthDate" FROM patients WHERE id = $1 FOR UPDATE`,
      [patientId],
    )) as { id: string; birthDate: string | null }[];
    return row ?? null;
  }

  async patient(
    manager: EntityManager,
    patientId: string,
  ): Promise<{ id: string; birthDate: string | null } | null> {
    const [row] = (await manager.query(
      `SELECT id, to_char(birth_date, 'YYYY-MM-DD') AS "birthDate" FROM patients WHERE id = $1`,
      [patientId],
    )) as { id: string; birthDate: string | null }[];
    return row ?? null;
  }

  /**
   * {@link patient}, with the audit event of the read written by the same statement (see
   * {@link AuditWriter.readAudited}); nothing is audited when no patient has this id.
   */
  async patientAudited(
    manager: EntityManager,
    patientId: string,
    audit: AuditWriter,
    context: RequestContext,
    event: Omit<AuditEventInput, 'patientId'>,
  ): Promise<{ id: string; birthDate: string | null } | null> {
    const [row] = await audit.readAudited<{
      id: string;
      birthDate: string | null;
    }>(
      manager,
      context,
      {
        sql: `SELECT id, to_char(birth_date, 'YYYY-MM-DD') AS "birthDate" FROM patients WHERE id = $1`,
        params: [patientId],
        patientColumn: 'id',
      },
      event,
    );
    return row ?? null;
  }

  async diagnosis(
    manager: EntityManager,
    patientId: string,
  ): Promise<DiagnosisView | null> {
    const [row] = (await manager.query(
      `SELECT id, workup_id AS "workupId", to_char(diagnosis_date, 'YYYY-MM-DD') AS "diagnosisDate",
              signed_off_by AS "signedOffBy", signed_off_at AS "signedOffAt",
              protocol_key AS key, protocol_version AS version
         FROM diagnoses WHERE patient_id = $1`,
      [patientId],
    )) as (Omit<DiagnosisView, 'protocol' | 'signedOffAt'> & {
      signedOffAt: Date;
      key: string;
      version: number;
    })[];
    if (!row) {
      return null;
    }
    const { key, version, signedOffAt, ...rest } = row;
    return {
      ...rest,
      signedOffAt: signedOffAt.toISOString(),
      protocol: { key, version },
    };
  }

  async insertDiagnosis(
    manager: EntityManager,
    values: {
      patientId: string;
      workupId: string;
      diagnosisDate: string;
      signedOffBy: string | null;
      signedOffAt: Date;
      protocolKey: string;
      protocolVersion: number;
    },
  ): Promise<string> {
    const [row] = (await manager.query(
      `INSERT INTO diagnoses (patient_id, workup_id, diagnosis_date, signed_off_by, signed_off_at, protocol_key, protocol_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        values.patientId,
        values.workupId,
        values.diagnosisDate,
        values.signedOffBy,
        values.signedOffAt,
        values.protocolKey,
        values.protocolVersion,
      ],
    )) as { id: string }[];
    return (row as { id: string }).id;
  }

  async workupForSignOff(
    manager: EntityManager,
    workupId: string,
  ): Promise<{ patientId: string; overall: string } | null> {
    const [row] = (await manager.query(
      `SELECT patient_id AS "patientId", overall FROM workups WHERE id = $1`,
      [workupId],
    )) as { patientId: string; overall: string }[];
    return row ?? null;
  }

  /** The newest record of a series (staging or risk) and how many there are. */
  async latestRecord<T>(
    manager: EntityManager,
    table: 'staging_records' | 'risk_records',
    patientId: string,
  ): Promise<{ record: FollowupRecordView<T> | null; count: number }> {
    const rows = (await manager.query(
      `SELECT id, inputs, recorded_by AS "recordedBy", recorded_at AS "recordedAt",
              protocol_version AS "protocolVersion", count(*) OVER ()::int AS count
         FROM ${table} WHERE patient_id = $1 ORDER BY recorded_at DESC, id DESC LIMIT 1`,
      [patientId],
    )) as (Omit<FollowupRecordView<T>, 'recordedAt'> & {
      recordedAt: Date;
      count: number;
    })[];
    const [row] = rows;
    if (!row) {
      return { record: null, count: 0 };
    }
    const { count, recordedAt, ...record } = row;
    return {
      record: { ...record, recordedAt: recordedAt.toISOString() },
      count,
    };
  }

  async insertRecord(
    manager: EntityManager,
    table: 'staging_records' | 'risk_records',
    values: {
      patientId: string;
      inputs: unknown;
      result: unknown;
      protocolVersion: number;
      recordedBy: string | null;
      recordedAt: Date;
    },
  ): Promise<string> {
    const [row] = (await manager.query(
      // clock_timestamp(), not the request's time: records made in one instant still keep their order.
      `INSERT INTO ${table} (patient_id, inputs, result, protocol_version, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, greatest($6::timestamptz, clock_timestamp())) RETURNING id`,
      [
        values.patientId,
        JSON.stringify(values.inputs),
        JSON.stringify(values.result),
        values.protocolVersion,
        values.recordedBy,
        values.recordedAt,
      ],
    )) as { id: string }[];
    return (row as { id: string }).id;
  }

  async lines(
    manager: EntityManager,
    patientId: string,
  ): Promise<TreatmentLineView[]> {
    const rows = (await manager.query(
      `SELECT ${LINE_COLUMNS} FROM treatment_lines WHERE patient_id = $1 ORDER BY line_number`,
      [patientId],
    )) as (Omit<TreatmentLineView, 'updatedAt'> & { updatedAt: Date })[];
    return rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() }));
  }

  async insertLine(
    manager: EntityManager,
    patientId: string,
    line: Omit<TreatmentLineView, 'id' | 'version' | 'updatedAt'>,
    actorId: string | null,
    at: Date,
  ): Promise<string> {
    const [row] = (await manager.query(
      `INSERT INTO treatment_lines (patient_id, line_number, intent, regimen_class, regimen_text,
          induction_class, start_date, end_date, transplant_date, radiation_sites, stop_reason,
          created_by, created_at, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $12, $13) RETURNING id`,
      [
        patientId,
        line.lineNumber,
        line.intent,
        line.regimenClass,
        line.regimenText ?? null,
        line.inductionClass ?? null,
        line.startDate,
        line.endDate ?? null,
        line.transplantDate ?? null,
        line.radiationSites ? JSON.stringify(line.radiationSites) : null,
        line.stopReason ?? null,
        actorId,
        at,
      ],
    )) as { id: string }[];
    return (row as { id: string }).id;
  }

  async updateLine(
    manager: EntityManager,
    line: TreatmentLineView,
    actorId: string | null,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE treatment_lines SET intent = $2, regimen_class = $3, regimen_text = $4,
          induction_class = $5, start_date = $6, end_date = $7, transplant_date = $8,
          radiation_sites = $9, stop_reason = $10, updated_by = $11, updated_at = $12,
          version = version + 1
        WHERE id = $1`,
      [
        line.id,
        line.intent,
        line.regimenClass,
        line.regimenText ?? null,
        line.inductionClass ?? null,
        line.startDate,
        line.endDate ?? null,
        line.transplantDate ?? null,
        line.radiationSites ? JSON.stringify(line.radiationSites) : null,
        line.stopReason ?? null,
        actorId,
        at,
      ],
    );
  }

  async instances(
    manager: EntityManager,
    patientId: string,
  ): Promise<InstanceRow[]> {
    return (await manager.query(
      `SELECT ${INSTANCE_COLUMNS} FROM followup_instances WHERE patient_id = $1
        ORDER BY target_date, item_key`,
      [patientId],
    )) as InstanceRow[];
  }

  async instance(
    manager: EntityManager,
    patientId: string,
    instanceId: string,
  ): Promise<InstanceRow | null> {
    const [row] = (await manager.query(
      `SELECT ${INSTANCE_COLUMNS} FROM followup_instances WHERE patient_id = $1 AND id = $2`,
      [patientId, instanceId],
    )) as InstanceRow[];
    return row ?? null;
  }

  /** An action's change to an instance: the status people set and its fields; bumps the version. */
  async actOnInstance(
    manager: EntityManager,
    id: string,
    patch: {
      actionStatus: ItemStatus;
      status: ItemStatus;
      reason?: string | null;
      activated?: boolean;
      active?: boolean;
      scheduledAt?: Date | null;
      location?: string | null;
      performedAt?: Date | null;
    },
    actorId: string | null,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE followup_instances SET action_status = $2, status = $3,
          reason = CASE WHEN $4::boolean THEN $5 ELSE reason END,
          activated = coalesce($6, activated), active = coalesce($7, active),
          scheduled_at = CASE WHEN $8::boolean THEN $9::timestamptz ELSE scheduled_at END,
          location = CASE WHEN $10::boolean THEN $11 ELSE location END,
          performed_at = CASE WHEN $12::boolean THEN $13::timestamptz ELSE performed_at END,
          updated_by = $14, updated_at = $15, version = version + 1
        WHERE id = $1`,
      [
        id,
        patch.actionStatus,
        patch.status,
        patch.reason !== undefined,
        patch.reason ?? null,
        patch.activated ?? null,
        patch.active ?? null,
        patch.scheduledAt !== undefined,
        patch.scheduledAt ?? null,
        patch.location !== undefined,
        patch.location ?? null,
        patch.performedAt !== undefined,
        patch.performedAt ?? null,
        actorId,
        at,
      ],
    );
  }

  /** Bumps an instance's version (a result was recorded on it). */
  async touchInstance(
    manager: EntityManager,
    id: string,
    actorId: string | null,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE followup_instances SET version = version + 1, updated_by = $2, updated_at = $3 WHERE id = $1`,
      [id, actorId, at],
    );
  }

  /** Replaces the patient's report facts (see {@link FollowupReportFacts}) in one statement. */
  async writeReportFacts(
    manager: EntityManager,
    patientId: string,
    facts: FollowupReportFacts,
  ): Promise<void> {
    await manager.query(
      `WITH facts AS (
         INSERT INTO followup_report_facts (patient_id, evaluated_on, event)
         VALUES ($1, $2, $3)
         ON CONFLICT (patient_id) DO UPDATE
            SET evaluated_on = EXCLUDED.evaluated_on, event = EXCLUDED.event
         RETURNING patient_id)
       INSERT INTO followup_assessed_time_points (patient_id, domain, assessed, assessed_later)
       SELECT facts.patient_id, d.domain, d.assessed,
              ARRAY(SELECT jsonb_array_elements_text(d.later)::date)
         FROM facts, jsonb_to_recordset($4::jsonb) AS d(domain text, assessed integer, later jsonb)
       ON CONFLICT (patient_id, domain) DO UPDATE
          SET assessed = EXCLUDED.assessed, assessed_later = EXCLUDED.assessed_later`,
      [
        patientId,
        facts.evaluatedOn,
        facts.event,
        JSON.stringify(
          facts.domains.map((d) => ({
            domain: d.domain,
            assessed: d.assessed,
            later: d.assessedLater,
          })),
        ),
      ],
    );
  }

  /**
   * Writes the planned instances as the evaluation gives them (dates, activity, the status read
   * from results and superseding) in one statement; the status people set stays as it was.
   */
  async upsertInstances(
    manager: EntityManager,
    patientId: string,
    rows: readonly {
      lineId: string;
      itemKey: string;
      timePoint: string;
      targetDate: string;
      dueDate: string;
      windowStart: string;
      rangeEnd: string;
      conditional: boolean;
      active: boolean;
      status: ItemStatus;
      closedByResultId: string | null;
    }[],
  ): Promise<void> {
    if (rows.length === 0) {
      return;
    }
    await manager.query(
      `INSERT INTO followup_instances (patient_id, line_id, item_key, time_point, target_date,
          due_date, window_start, range_end, conditional, active, status, closed_by_result_id)
       SELECT $1, r."lineId", r."itemKey", r."timePoint", r."targetDate", r."dueDate",
              r."windowStart", r."rangeEnd", r.conditional, r.active, r.status, r."closedByResultId"
         FROM jsonb_to_recordset($2::jsonb) AS r("lineId" uuid, "itemKey" text, "timePoint" text,
              "targetDate" date, "dueDate" date, "windowStart" date, "rangeEnd" date,
              conditional boolean, active boolean, status text, "closedByResultId" text)
       ON CONFLICT (line_id, item_key, time_point) DO UPDATE SET
          target_date = EXCLUDED.target_date, due_date = EXCLUDED.due_date,
          window_start = EXCLUDED.window_start, range_end = EXCLUDED.range_end,
          conditional = EXCLUDED.conditional, active = EXCLUDED.active, status = EXCLUDED.status,
          closed_by_result_id = EXCLUDED.closed_by_result_id
        WHERE (followup_instances.target_date, followup_instances.due_date,
               followup_instances.window_start, followup_instances.range_end,
               followup_instances.active, followup_instances.status,
               followup_instances.closed_by_result_id)
          IS DISTINCT FROM (EXCLUDED.target_date, EXCLUDED.due_date, EXCLUDED.window_start,
               EXCLUDED.range_end, EXCLUDED.active, EXCLUDED.status, EXCLUDED.closed_by_result_id)`,
      [patientId, JSON.stringify(rows)],
    );
  }

  async results(
    manager: EntityManager,
    patientId: string,
  ): Promise<ResultRow[]> {
    return (await manager.query(
      `SELECT id, item_key AS "itemKey", instance_id AS "instanceId",
              to_char(performed_on, 'YYYY-MM-DD') AS "performedOn", result,
              corrects_id AS "correctsId", recorded_at AS "recordedAt"
         FROM followup_results WHERE patient_id = $1 ORDER BY performed_on, recorded_at`,
      [patientId],
    )) as ResultRow[];
  }

  async result(
    manager: EntityManager,
    patientId: string,
    id: string,
  ): Promise<(ResultRow & { correctedBy: string | null }) | null> {
    const [row] = (await manager.query(
      `SELECT r.id, r.item_key AS "itemKey", r.instance_id AS "instanceId",
              to_char(r.performed_on, 'YYYY-MM-DD') AS "performedOn", r.result,
              r.corrects_id AS "correctsId", r.recorded_at AS "recordedAt",
              (SELECT c.id FROM followup_results c WHERE c.corrects_id = r.id) AS "correctedBy"
         FROM followup_results r WHERE r.patient_id = $1 AND r.id = $2`,
      [patientId, id],
    )) as (ResultRow & { correctedBy: string | null })[];
    return row ?? null;
  }

  async insertResult(
    manager: EntityManager,
    values: {
      patientId: string;
      itemKey: string;
      instanceId: string;
      performedOn: string;
      result: ResultInput;
      correctsId: string | null;
      recordedBy: string | null;
      recordedAt: Date;
    },
  ): Promise<string> {
    const [row] = (await manager.query(
      `INSERT INTO followup_results (patient_id, item_key, instance_id, performed_on, result, corrects_id, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        values.patientId,
        values.itemKey,
        values.instanceId,
        values.performedOn,
        JSON.stringify(values.result),
        values.correctsId,
        values.recordedBy,
        values.recordedAt,
      ],
    )) as { id: string }[];
    return (row as { id: string }).id;
  }

  /** The patient's done workup results (any workup): baselines and staging and risk inputs. */
  async workupResults(
    manager: EntityManager,
    patientId: string,
  ): Promise<WorkupResultRow[]> {
    return (await manager.query(
      `SELECT i.id, i.key AS "itemKey", i.performed_at AS "performedAt", i.result
         FROM workup_items i JOIN workups w ON w.id = i.workup_id
        WHERE w.patient_id = $1 AND i.status IN ('resulted', 'reviewed')
          AND i.result IS NOT NULL AND i.performed_at IS NOT NULL`,
      [patientId],
    )) as WorkupResultRow[];
  }

  /** Every history step of a patient, oldest first, with the actor's username. */
  async history(
    manager: EntityManager,
    patientId: string,
  ): Promise<HistoryRow[]> {
    return (await manager.query(
      `SELECT h.id::text AS id, h.entity_type AS "entityType", h.entity_id AS "entityId",
              h.action, h.from_status AS "from", h.to_status AS "to", h.actor_id AS "actorId",
              u.username, h.actor_role AS "actorRole", h.recorded_at AS "recordedAt",
              h.reason, h.details
         FROM followup_history h LEFT JOIN users u ON u.id = h.actor_id
        WHERE h.patient_id = $1
        ORDER BY h.id`,
      [patientId],
    )) as HistoryRow[];
  }

  async addHistory(
    manager: EntityManager,
    steps: readonly FollowupHistoryStep[],
    at: Date,
  ): Promise<void> {
    if (steps.length === 0) {
      return;
    }
    await manager.query(
      `INSERT INTO followup_history (patient_id, entity_type, entity_id, action, from_status,
          to_status, actor_id, actor_role, recorded_at, reason, details)
       SELECT r."patientId", r."entityType", r."entityId", r.action, r."from", r."to", r."actorId",
              r."actorRole", $2, r.reason, r.details
         FROM jsonb_to_recordset($1::jsonb) AS r("patientId" uuid, "entityType" text,
              "entityId" uuid, action text, "from" text, "to" text, "actorId" uuid,
              "actorRole" text, reason text, details jsonb)`,
      [JSON.stringify(steps), at],
    );
  }
}

/** The staging inputs as stored. */
export type StoredStaging = StagingInputs;
/** The risk inputs as stored. */
export interface StoredRisk {
  readonly observations: readonly RiskObservation[];
}
