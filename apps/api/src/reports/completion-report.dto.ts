import { type Overall } from '@poems/domain';
import {
  OVERALL_RESULTS,
  REPORT_FORMATS,
  WORKUP_STATUSES,
  type ReportFormat,
  type WorkupStatus,
} from '@poems/contract';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  Min,
} from 'class-validator';
import { IsCalendarDate } from '../common/validation/date.validators';

/** Report periods stay within dates the workups can plausibly carry. */
const REPORT_DATES = { min: '2000-01-01', max: '2100-12-31' };

/** Deepest page a client may ask for: keeps OFFSET within what PostgreSQL plans quickly. */
export const COMPLETION_REPORT_MAX_PAGE = 100_000;

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** Query of `GET /api/reports/completion`. */
export class CompletionReportQuery {
  /** First clinic date (`YYYY-MM-DD`, inclusive) on which a listed workup was opened. */
  @IsString()
  @IsCalendarDate(REPORT_DATES)
  from!: string;

  /** Last clinic date (`YYYY-MM-DD`, inclusive); not before `from`. */
  @IsString()
  @IsCalendarDate(REPORT_DATES)
  to!: string;

  /** Only workups of this attending hematologist (user id). */
  @IsOptional()
  @IsUUID('all', { message: 'attending must be a user id (UUID)' })
  attending?: string;

  /** Only open or only closed workups. */
  @IsOptional()
  @IsIn(WORKUP_STATUSES)
  status?: WorkupStatus;

  /** Only workups with this overall result. */
  @IsOptional()
  @IsIn(OVERALL_RESULTS)
  overall?: Overall;

  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format: ReportFormat = 'json';

  /** JSON only: CSV and PDF hold every row. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(COMPLETION_REPORT_MAX_PAGE)
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
