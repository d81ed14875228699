import {
  daysWaiting,
  DEFAULT_PROTOCOL_KEY,
  dueState,
  FOLLOWUP_PROTOCOL_KEY,
  getCatalogItem,
  getFollowupProtocol,
  getProtocol,
  type ItemKind,
  type DueWindow,
  type WorklistBucket,
} from '@poems/domain';
import { type WorklistRow } from '@poems/contract';
import type { WorklistRecord } from './worklist.repository';

/**
 * A worklist row as the API shows it. Pure, so that the bare benchmark baseline shapes its rows
 * with the very same code.
 */
export function worklistRow(
  record: WorklistRecord,
  bucket: WorklistBucket,
  window: DueWindow,
  timeZone: string,
): WorklistRow {
  const { name, kind } = itemNameAndKind(record);
  return {
    bucket,
    workupId: record.workup_id,
    patientId: record.patient_id,
    mrn: record.mrn,
    patientName: `${record.family_name}, ${record.given_name}`,
    itemKey: record.key,
    itemName: record.time_point ? `${name} (${record.time_point})` : name,
    kind,
    status: record.status,
    dueDate: record.due_date,
    scheduledAt: record.scheduled_at?.toISOString() ?? null,
    location: record.location,
    overdue:
      dueState({ status: record.status, dueDate: record.due_date }, window) ===
      'overdue',
    performedAt: record.performed_at?.toISOString() ?? null,
    daysWaiting: daysWaiting(
      { performedAt: record.performed_at, resultedAt: record.resulted_at },
      bucket,
      window,
      timeZone,
    ),
    attendingId: record.attending_id,
    attendingName: record.attending_name,
    version: record.version,
    ...(record.time_point && {
      source: 'followup' as const,
      instanceId: record.item_id,
      lineId: record.line_id ?? undefined,
      timePoint: record.time_point,
    }),
  };
}

/** The item's name and kind: a follow-up item takes the workup catalog's kind when it has the key. */
export function itemNameAndKind(record: {
  readonly protocol_key: string;
  readonly protocol_version: number;
  readonly key: string;
}): { name: string; kind: ItemKind } {
  if (record.protocol_key !== FOLLOWUP_PROTOCOL_KEY) {
    const catalog = getCatalogItem(
      getProtocol(record.protocol_key, record.protocol_version),
      record.key,
    );
    return { name: catalog.name, kind: catalog.kind };
  }
  const item = getFollowupProtocol(record.protocol_version).items.find(
    (i) => i.key === record.key,
  );
  const workup = getProtocol(DEFAULT_PROTOCOL_KEY).items.find(
    (i) => i.key === record.key,
  );
  return { name: item?.name ?? record.key, kind: workup?.kind ?? 'lab' };
}
