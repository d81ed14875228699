import { WORKLIST_BUCKETS, type WorklistBucket } from '@poems/domain';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

/** Orders of the worklist; `-` sorts descending. Ties fall back to due date, then patient. */
export const WORKLIST_SORTS = [
  'dueDate',
  '-dueDate',
  'patientName',
  '-patientName',
  'itemName',
  '-itemName',
  'status',
  '-status',
  'scheduledAt',
  '-scheduledAt',
] as const;

export type WorklistSort = (typeof WORKLIST_SORTS)[number];

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
}
