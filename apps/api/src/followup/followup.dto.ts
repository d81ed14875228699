import { OmitType } from '@nestjs/swagger';
import {
  EGFR_METHODS,
  IMAGING_MODALITIES,
  INDUCTION_CLASSES,
  LINE_INTENTS,
  MARROW_CLONE_STATES,
  REGIMEN_CLASSES,
  STOP_REASONS,
  type EgfrMethod,
  type ImagingModality,
  type InductionClass,
  type LineIntent,
  type MarrowCloneState,
  type RegimenClass,
  type StopReason,
} from '@poems/domain';
import { Transform, Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  IsCalendarDate,
  IsInstant,
} from '../common/validation/date.validators';
import { ResultItemDto } from '../workups/workups.dto';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

const CLINICAL_DATES = { min: '2000-01-01', max: '2100-12-31' };

/** `POST /api/patients/:id/follow-up/diagnosis`: the hematologist signs off `criteria_met`. */
export class SignOffDiagnosisDto {
  /** The patient's workup whose evaluation is `criteria_met`. */
  @IsUUID()
  workupId!: string;

  /** The diagnosis date (`YYYY-MM-DD`, not in the future); today by default. */
  @IsOptional()
  @IsCalendarDate(CLINICAL_DATES)
  diagnosisDate?: string;
}

/** `POST /api/patients/:id/follow-up/staging`: the staging inputs as the hematologist records them. */
export class RecordStagingDto {
  /** Bone lesions attributed to POEMS: a whole number, or `diffuse`. */
  @IsOptional()
  @Allow()
  boneLesionCount?: number | 'diffuse' | null;

  @IsOptional()
  @IsIn(IMAGING_MODALITIES)
  boneImagingModality?: ImagingModality | null;

  /** Biopsy-proven plasmacytomas outside bone. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  extramedullaryPlasmacytomaCount?: number | null;

  /** Random iliac-crest marrow biopsy. */
  @IsOptional()
  @IsIn(MARROW_CLONE_STATES)
  marrowClone?: MarrowCloneState | null;

  @IsOptional()
  @IsBoolean()
  severeOrganDysfunction?: boolean | null;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(300)
  dlcoPercentPredicted?: number | null;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  urineTotalProteinGPer24h?: number | null;
}

/** A dated risk input recorded directly (beside those read from results). */
export class RiskObservationDto {
  @IsIn(['pasp', 'pleural_effusion', 'egfr', 'albumin'])
  kind!: 'pasp' | 'pleural_effusion' | 'egfr' | 'albumin';

  @IsCalendarDate(CLINICAL_DATES)
  date!: string;

  /** `pasp`: mmHg. */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(200)
  mmHg?: number;

  /** `pleural_effusion`. */
  @IsOptional()
  @IsBoolean()
  present?: boolean;

  /** `egfr`: mL/min/1.73 m². */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(300)
  value?: number;

  @IsOptional()
  @IsIn(EGFR_METHODS)
  method?: EgfrMethod;

  /** `albumin`: g/dL. */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(10)
  gPerDl?: number;
}

/** `POST /api/patients/:id/follow-up/risk`. */
export class RecordRiskDto {
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RiskObservationDto)
  observations!: RiskObservationDto[];
}

/** The fields of a treatment line (poems-followup.md §4); the domain checks how they fit together. */
export class TreatmentLineFieldsDto {
  @IsOptional()
  @IsIn(LINE_INTENTS)
  intent?: LineIntent;

  @IsOptional()
  @IsIn(REGIMEN_CLASSES)
  regimenClass?: RegimenClass;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  regimenText?: string | null;

  @IsOptional()
  @IsIn(INDUCTION_CLASSES)
  inductionClass?: InductionClass | null;

  @IsOptional()
  @IsCalendarDate(CLINICAL_DATES)
  startDate?: string;

  @IsOptional()
  @IsCalendarDate(CLINICAL_DATES)
  endDate?: string | null;

  @IsOptional()
  @IsCalendarDate(CLINICAL_DATES)
  transplantDate?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  radiationSites?: string[] | null;

  @IsOptional()
  @IsIn(STOP_REASONS)
  stopReason?: StopReason | null;
}

/** `POST /api/patients/:id/follow-up/lines`: intent, regimen class and start date are required. */
export class CreateTreatmentLineDto extends TreatmentLineFieldsDto {
  @IsIn(LINE_INTENTS)
  declare intent: LineIntent;

  @IsIn(REGIMEN_CLASSES)
  declare regimenClass: RegimenClass;

  @IsCalendarDate(CLINICAL_DATES)
  declare startDate: string;
}

/** `PATCH …/lines/:lineId`: the fields to change, with the line's current `version`. */
export class UpdateTreatmentLineDto extends TreatmentLineFieldsDto {
  @IsInt()
  @Min(1)
  version!: number;
}

/** `POST …/lines/:lineId/end`. */
export class EndTreatmentLineDto {
  @IsInt()
  @Min(1)
  version!: number;

  @IsCalendarDate(CLINICAL_DATES)
  endDate!: string;

  @IsIn(STOP_REASONS)
  stopReason!: StopReason;
}

/** What every instance action carries: the instance's current `version`. */
export class InstanceActionDto {
  @IsInt()
  @Min(1)
  version!: number;
}

export class ScheduleInstanceDto extends InstanceActionDto {
  @IsInstant(CLINICAL_DATES)
  scheduledAt!: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  location?: string;
}

export class PerformInstanceDto extends InstanceActionDto {
  @IsInstant(CLINICAL_DATES)
  performedAt!: string;
}

export class ReasonInstanceDto extends InstanceActionDto {
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'reason must not be empty' })
  @MaxLength(1000)
  reason!: string;
}

export class ActivateInstanceDto extends InstanceActionDto {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

/**
 * `POST …/instances/:instanceId/result`: the workup's result shape (values, specimen, chains, PET
 * reader fields, ONLS and mRS, …) dated by the day the test was done. A new result joins the
 * item's series; `corrects` names the result it corrects (both are kept).
 */
export class FollowupResultDto extends OmitType(ResultItemDto, [
  'performedAt',
  'findings',
] as const) {
  @IsCalendarDate(CLINICAL_DATES)
  performedOn!: string;

  @IsOptional()
  @IsUUID()
  corrects?: string;
}
