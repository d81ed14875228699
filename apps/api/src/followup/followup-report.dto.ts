import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** The follow-up report's formats: JSON (paged), CSV and PDF (every row). */
export const FOLLOWUP_REPORT_FORMATS = ['json', 'csv', 'pdf'] as const;

/** Query of `GET /api/reports/follow-up`. */
export class FollowupReportQuery {
  @ApiPropertyOptional({ enum: FOLLOWUP_REPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(FOLLOWUP_REPORT_FORMATS)
  format: (typeof FOLLOWUP_REPORT_FORMATS)[number] = 'json';

  /** JSON only: CSV and PDF hold every row. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page = 1;

  /** JSON only. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize = 50;

  /** CSV only: starts the file with a UTF-8 byte order mark so spreadsheets read it as UTF-8. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'bom must be true or false' })
  bom = false;
}
