import { INBOX_REASONS, type InboxReason } from '@poems/domain';
import {
  INBOX_STATUSES,
  type ApplyInboxRequest,
  type DismissInboxRequest,
  type InboxStatus,
} from '@poems/contract';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

export class ListInboxQuery {
  @IsOptional()
  @IsIn(INBOX_STATUSES)
  status?: InboxStatus;

  @IsOptional()
  @IsIn(INBOX_REASONS)
  reason?: InboxReason;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}

export class ApplyInboxDto implements ApplyInboxRequest {
  /** The registered patient the result belongs to; their open workup receives it. */
  @IsUUID()
  patientId!: string;

  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,40}$/, {
    message: 'itemKey must be a checklist item key',
  })
  itemKey!: string;

  /**
   * The result, as the `result` action takes it (its fields are validated by that action exactly
   * as when a hematologist types them).
   */
  @IsObject()
  result!: ApplyInboxRequest['result'];

  @IsOptional()
  @IsISO8601({ strict: true })
  performedAt?: string;

  /** The item's current `version`. */
  @IsInt()
  @Min(1)
  version!: number;
}

export class DismissInboxDto implements DismissInboxRequest {
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason!: string;

  /** The entry's current `version`. */
  @IsInt()
  @Min(1)
  version!: number;
}
