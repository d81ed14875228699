import {
  HEAVY_CHAINS,
  LIGHT_CHAINS,
  type HeavyChain,
  type LightChain,
} from '@poems/domain';
import {
  type CreateApiKeyRequest,
  type CreateInterfaceRequest,
  type UpdateInterfaceRequest,
} from '@poems/contract';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const NAME = /^[A-Za-z0-9._-]{2,40}$/;
const HD = /^[^|^~\\&\r\n]{1,180}$/;
const IANA_ZONE = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** Like `@IsOptional()`, but `null` is validated (and refused) rather than skipped. */
function IsAbsentOr(): PropertyDecorator {
  return ValidateIf((_body: object, value: unknown) => value !== undefined);
}

export class CodedAnswerDto {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  system?: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  code!: string;

  @IsIn(HEAVY_CHAINS)
  heavyChain!: HeavyChain;

  @IsOptional()
  @IsIn(LIGHT_CHAINS)
  lightChain?: LightChain;
}

export class InterfaceMappingDto {
  /** `system|code` (or `code`) of a local observation code → LOINC code. */
  @IsOptional()
  @IsObject()
  localCodes?: Record<string, string>;

  /** What this laboratory's coded immunofixation answers mean. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => CodedAnswerDto)
  codedAnswers?: CodedAnswerDto[];
}

export class CreateInterfaceDto implements CreateInterfaceRequest {
  /** 2–40 letters, digits, dots, dashes or underscores; unique ignoring case. */
  @IsString()
  @Matches(NAME, {
    message: 'name must be 2–40 letters, digits, dots, dashes or underscores',
  })
  name!: string;

  /** MSH-3 as the interface sends it (first component). */
  @IsString()
  @Matches(HD, {
    message:
      'sendingApplication must be 1–180 characters without HL7 delimiters',
  })
  sendingApplication!: string;

  /** MSH-4 as the interface sends it (first component). */
  @IsString()
  @Matches(HD, {
    message: 'sendingFacility must be 1–180 characters without HL7 delimiters',
  })
  sendingFacility!: string;

  /** IANA zone of its times sent without an offset (default: the clinic's). */
  @IsOptional()
  @IsString()
  @Matches(IANA_ZONE, { message: 'timeZone must be an IANA zone name' })
  timeZone?: string;

  /** Common name of the TLS client certificate bound to this interface. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  tlsSubject?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => InterfaceMappingDto)
  mapping?: InterfaceMappingDto;
}

export class UpdateInterfaceDto implements UpdateInterfaceRequest {
  /** The interface's current `version`. */
  @IsInt()
  @Min(1)
  version!: number;

  @IsAbsentOr()
  @IsBoolean()
  enabled?: boolean;

  /** `null` clears it (the clinic's zone applies). */
  @IsOptional()
  @IsString()
  @Matches(IANA_ZONE, { message: 'timeZone must be an IANA zone name' })
  timeZone?: string | null;

  /** `null` unbinds the certificate. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  tlsSubject?: string | null;

  @IsAbsentOr()
  @ValidateNested()
  @Type(() => InterfaceMappingDto)
  mapping?: InterfaceMappingDto;
}

export class CreateApiKeyDto implements CreateApiKeyRequest {
  /** Hours the interface's current keys keep working (0: they stop now; default 24). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(24 * 90)
  overlapHours?: number;
}
