import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
} from 'class-validator';
import type { AuditOutcome } from './audit-event.entity';

/** Columns `GET /api/audit-events` sorts by; `actor` is the actor's username. */
export const AUDIT_EVENT_SORT_KEYS = [
  'occurredAt',
  'id',
  'actor',
  'actorId',
  'actorRole',
  'action',
  'outcome',
  'patientId',
  'entityType',
  'entityId',
  'requestId',
  'clientIp',
] as const;

/** A sort column. */
export type AuditEventSortKey = (typeof AUDIT_EVENT_SORT_KEYS)[number];

/** A sort column, descending when prefixed with `-`. */
export type AuditEventSort = AuditEventSortKey | `-${AuditEventSortKey}`;

const AUDIT_EVENT_SORTS: readonly AuditEventSort[] =
  AUDIT_EVENT_SORT_KEYS.flatMap((key) => [key, `-${key}` as const]);

const OUTCOMES: readonly AuditOutcome[] = ['success', 'failure'];

/** Formats of `GET /api/audit-events`. */
export type AuditEventsFormat = 'json' | 'csv';

const FORMATS: readonly AuditEventsFormat[] = ['json', 'csv'];

/** Deepest page a client may ask for: keeps OFFSET within what PostgreSQL accepts. */
export const AUDIT_EVENTS_MAX_PAGE = 1_000_000;

// Seconds and up to six fractional digits optional, the offset mandatory and a real one (within
// ±14:00, as every instant the API accepts), and year 0000 does not exist for PostgreSQL.
const INSTANT =
  /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))$/;
const INSTANT_MESSAGE =
  '$property must be an instant with offset, e.g. 2025-01-31T08:00:00Z or 2025-01-31T09:00:00+01:00';
const USERNAME_OR_ID = /^[A-Za-z0-9._-]{3,64}$/;
const CODE = /^[A-Za-z0-9._:-]{1,100}$/;
// PostgreSQL text cannot hold NUL; refused here, it would otherwise fail as a server error.
const TEXT_WITHOUT_NUL = /^[^\0]{1,200}$/;

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** Query of `GET /api/audit-events`. Every filter is optional; filters combine with AND. */
export class ListAuditEventsQuery {
  /** Events at or after this instant (inclusive). */
  @ApiPropertyOptional({ format: 'date-time', example: '2025-01-31T08:00:00Z' })
  @IsOptional()
  @Matches(INSTANT, { message: INSTANT_MESSAGE })
  @IsISO8601({ strict: true }, { message: INSTANT_MESSAGE })
  from?: string;

  /** Events before this instant (exclusive), so consecutive windows never overlap. */
  @ApiPropertyOptional({ format: 'date-time', example: '2025-02-01T08:00:00Z' })
  @IsOptional()
  @Matches(INSTANT, { message: INSTANT_MESSAGE })
  @IsISO8601({ strict: true }, { message: INSTANT_MESSAGE })
  to?: string;

  /** The acting user's id or username (any case). */
  @IsOptional()
  @Matches(USERNAME_OR_ID, {
    message: 'actor must be a user id or a username',
  })
  actor?: string;

  @IsOptional()
  @IsUUID('all', { message: 'patientId must be a UUID' })
  patientId?: string;

  /** An MRN, an MRN fragment with a digit ("0003") or a name ("Okafor, H"), any accents. */
  @IsOptional()
  @Matches(TEXT_WITHOUT_NUL, {
    message: 'patient must be 1–200 characters, none of them NUL',
  })
  patient?: string;

  /**
   * An action (`item.schedule`) or a family of them as whole parts of the code: `item` finds
   * every `item.*`, `result` finds `item.result`.
   */
  @IsOptional()
  @Matches(CODE, {
    message:
      'action must be 1–100 letters, digits, dots, colons, dashes or underscores',
  })
  action?: string;

  /** Exact entity type, e.g. `patient`. */
  @IsOptional()
  @Matches(CODE, {
    message:
      'entityType must be 1–100 letters, digits, dots, colons, dashes or underscores',
  })
  entityType?: string;

  @IsOptional()
  @Matches(TEXT_WITHOUT_NUL, {
    message: 'entityId must be 1–200 characters, none of them NUL',
  })
  entityId?: string;

  @IsOptional()
  @IsIn(OUTCOMES)
  outcome?: AuditOutcome;

  /** A column, `-` in front for descending; ties are broken by id in the same direction. */
  @ApiPropertyOptional({ enum: AUDIT_EVENT_SORTS, default: '-occurredAt' })
  @IsOptional()
  @IsIn(AUDIT_EVENT_SORTS)
  sort: AuditEventSort = '-occurredAt';

  /** JSON only: CSV exports every matching event. */
  @ApiPropertyOptional({ type: 'integer', default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(AUDIT_EVENTS_MAX_PAGE)
  page = 1;

  /** JSON only. */
  @ApiPropertyOptional({ type: 'integer', default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize = 50;

  @ApiPropertyOptional({ enum: FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(FORMATS)
  format: AuditEventsFormat = 'json';

  /** CSV only: starts the file with a UTF-8 byte order mark so spreadsheets read it as UTF-8. */
  @ApiPropertyOptional({ type: Boolean, default: false })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'bom must be true or false' })
  bom = false;
}
