import {
  dueState,
  getCatalogItem,
  getProtocol,
  type DueWindow,
  type WorklistBucket,
  type WorklistRow,
} from '@poems/domain';
import type { WorklistRecord } from './worklist.repository';

/**
 * A worklist row as the API shows it. Pure, so that the bare benchmark baseline shapes its rows
 * with the very same code.
 */
export function worklistRow(
  record: WorklistRecord,
  bucket: WorklistBucket,
  window: DueWindow,
): WorklistRow {
  const catalog = getCatalogItem(
    getProtocol(record.protocol_key, record.protocol_version),
    record.key,
  );
  return {
    bucket,
    workupId: record.workup_id,
    patientId: record.patient_id,
    mrn: record.mrn,
    patientName: `${record.family_name}, ${record.given_name}`,
    itemKey: record.key,
    itemName: catalog.name,
    kind: catalog.kind,
    status: record.status,
    dueDate: record.due_date,
    scheduledAt: record.scheduled_at?.toISOString() ?? null,
    location: record.location,
    overdue:
      dueState({ status: record.status, dueDate: record.due_date }, window) ===
      'overdue',
    version: record.version,
  };
}
