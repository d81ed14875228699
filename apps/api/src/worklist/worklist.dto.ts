import {
  WORKLIST_BUCKETS,
  WORKLIST_SORTS,
  type WorklistBucket,
  type WorklistSort,
} from '@poems/domain';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

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
