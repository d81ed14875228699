import { AuditEventEntity } from '../audit/audit-event.entity';
import { PatientEntity } from '../patients/patient.entity';
import { UserEntity } from '../users/user.entity';
import { ItemHistoryEntity } from '../workups/item-history.entity';
import { WorkupEvaluationEntity } from '../workups/workup-evaluation.entity';
import { WorkupSignOffEntity } from '../workups/workup-sign-off.entity';
import { WorkupItemEntity } from '../workups/workup-item.entity';
import { WorkupEntity } from '../workups/workup.entity';

/** Every entity of the API; the schema test checks they match the migrated schema exactly. */
export const ENTITIES = [
  UserEntity,
  PatientEntity,
  WorkupEntity,
  WorkupItemEntity,
  ItemHistoryEntity,
  WorkupEvaluationEntity,
  WorkupSignOffEntity,
  AuditEventEntity,
];
