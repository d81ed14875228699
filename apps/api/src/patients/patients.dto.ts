import { SEXES, type Sex } from '@poems/domain';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsCalendarDate } from '../common/validation/date.validators';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

/** `POST /api/patients`. */
export class RegisterPatientDto {
  /** Medical record number: 1–32 letters, digits, dots, dashes or slashes; unique. */
  @Transform(trim)
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9./-]{0,31}$/, {
    message: 'mrn must be 1–32 letters, digits, dots, dashes or slashes',
  })
  mrn!: string;

  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'givenName must not be empty' })
  @MaxLength(100)
  givenName!: string;

  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'familyName must not be empty' })
  @MaxLength(100)
  familyName!: string;

  /** `YYYY-MM-DD`, not in the future (clinic time zone), not before 1900. */
  @IsString()
  @IsCalendarDate({ min: '1900-01-01' })
  birthDate!: string;

  @IsIn(SEXES, { message: `sex must be one of ${SEXES.join(', ')}` })
  sex!: Sex;
}

/** `GET /api/patients`. */
export class ListPatientsQuery {
  /** MRN or name prefix; several words must each match (case- and accent-insensitive). */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

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
