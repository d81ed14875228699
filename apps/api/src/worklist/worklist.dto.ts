import {
  FOLLOWUP_PROTOCOLS,
  PROTOCOLS,
  WORKLIST_BUCKETS,
  type WorklistBucket,
} from '@poems/domain';
import {
  BULK_ACTIONS,
  BULK_MAX_ITEMS,
  WORKLIST_SORTS,
  type BulkAction,
  type BulkActionRequest,
  type BulkItemRef,
  type WorklistSort,
} from '@poems/contract';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  IsCalendarDate,
  IsInstant,
} from '../common/validation/date.validators';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

/** Dates a workup step can plausibly carry (as the item actions accept). */
const CLINICAL_DATES = { min: '2000-01-01', max: '2100-12-31' };

/** Every item key a worklist row can carry: the workup catalogs' and the follow-up schedules'. */
export const WORKLIST_ITEM_KEYS: readonly string[] = [
  ...new Set([
    ...PROTOCOLS.flatMap((p) => p.items.map((i) => i.key)),
    ...FOLLOWUP_PROTOCOLS.flatMap((p) => p.items.map((i) => i.key)),
  ]),
].sort();

/** `GET /api/worklist`. */
export class WorklistQuery {
  @IsOptional()
  @IsIn(WORKLIST_BUCKETS)
  bucket: WorklistBucket = 'overdue';

  @IsOptional()
  @IsIn(WORKLIST_SORTS)
  sort: WorklistSort = 'dueDate';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page = 1;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize = 25;

  /**
   * Patients whose MRN holds, or a word of whose names starts with, every word — as the patient
   * search reads it ("Okafor, H", "0003").
   */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  patient?: string;

  /** One test, by its catalog key (`cbc`, `vegf`). */
  @IsOptional()
  @IsIn(WORKLIST_ITEM_KEYS)
  item?: string;

  /** Items scheduled at a location whose name starts with this (any case). */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  location?: string;

  /** Items of workups whose attending hematologist is this user. */
  @IsOptional()
  @IsUUID()
  attending?: string;
}

/** One item of a bulk action, with the version the client saw. */
export class BulkItemRefDto implements BulkItemRef {
  @IsUUID()
  workupId!: string;

  @IsIn(WORKLIST_ITEM_KEYS)
  key!: string;

  @IsInt()
  @Min(1)
  version!: number;
}

/** `POST /api/worklist/bulk`. */
export class BulkActionDto implements BulkActionRequest {
  @IsIn(BULK_ACTIONS)
  action!: BulkAction;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => BulkItemRefDto)
  items!: BulkItemRefDto[];

  /** For `schedule`: when every item takes place, date-time with offset. */
  @ValidateIf((o: BulkActionDto) => o.action === 'schedule')
  @IsInstant(CLINICAL_DATES)
  scheduledAt?: string;

  @ValidateIf((o: BulkActionDto) => o.action === 'schedule')
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  location?: string;

  @ValidateIf((o: BulkActionDto) => o.action === 'schedule')
  @IsOptional()
  @IsCalendarDate(CLINICAL_DATES)
  dueDate?: string;

  /** For `perform`: when every item was done, not in the future. */
  @ValidateIf((o: BulkActionDto) => o.action === 'perform')
  @IsInstant(CLINICAL_DATES)
  performedAt?: string;
}
