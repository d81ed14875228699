import {
  AXIS_STATES,
  CRITERION_KEYS,
  DEFAULT_PROTOCOL_KEY,
  FINDING_VALUES,
  HEAVY_CHAINS,
  IMAGING_MODALITIES,
  INTERPRETATIONS,
  LESION_TYPES,
  LIGHT_CHAINS,
  SIGN_KEYS,
  SPECIMENS,
  VEGF_CONFOUNDERS,
  type AxisState,
  type CriterionKey,
  type FindingValue,
  type HeavyChain,
  type ImagingModality,
  type Interpretation,
  type LesionType,
  type LightChain,
  type SignKey,
  type Specimen,
  type VegfConfounder,
} from '@poems/domain';
import {
  type ItemActionRequest,
  type OpenWorkupRequest,
  type SignOffWorkupRequest,
  type UpgradeWorkupRequest,
  type WorkupTransitionRequest,
} from '@poems/contract';
import { Transform, Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
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

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

/** Dates a workup step can plausibly carry. */
const CLINICAL_DATES = { min: '2000-01-01', max: '2100-12-31' };

/** `POST /api/patients/:id/workups`. */
export class OpenWorkupDto implements OpenWorkupRequest {
  /** The protocol to follow; its newest version is used. */
  @IsOptional()
  @IsIn([DEFAULT_PROTOCOL_KEY])
  protocol?: string;

  /** The attending hematologist; by default the hematologist who opens the workup. */
  @IsOptional()
  @IsUUID()
  attendingId?: string;
}

/** Closing or reopening a workup. */
export class WorkupTransitionDto implements WorkupTransitionRequest {
  /** The workup's current `version`. */
  @IsInt()
  @Min(1)
  version!: number;

  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'reason must not be empty' })
  @MaxLength(1000)
  reason!: string;
}

/** Signing off a workup's evaluation. */
export class SignOffWorkupDto implements SignOffWorkupRequest {
  /** The workup's current `version`. */
  @IsInt()
  @Min(1)
  version!: number;

  /** What the hematologist adds to the attestation. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  note?: string;
}

/** `POST /api/workups/:id/upgrade`. */
export class UpgradeWorkupDto
  extends WorkupTransitionDto
  implements UpgradeWorkupRequest
{
  /** The protocol version to move to; by default the newest. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  protocolVersion?: number;
}

/** What every item action carries: the item's current `version` (optimistic locking). */
export class ItemActionDto {
  @IsInt()
  @Min(1)
  version!: number;
}

export class OrderItemDto
  extends ItemActionDto
  implements ItemActionRequest<'order'>
{
  /** `YYYY-MM-DD` in the clinic's calendar. */
  @IsOptional()
  @IsCalendarDate(CLINICAL_DATES)
  dueDate?: string;
}

export class ScheduleItemDto
  extends ItemActionDto
  implements ItemActionRequest<'schedule'>
{
  /** When the test takes place: date-time with offset. */
  @IsInstant(CLINICAL_DATES)
  scheduledAt!: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  location?: string;

  @IsOptional()
  @IsCalendarDate(CLINICAL_DATES)
  dueDate?: string;
}

export class PerformItemDto
  extends ItemActionDto
  implements ItemActionRequest<'perform'>
{
  /** When the test was done: date-time with offset, not in the future. */
  @IsInstant(CLINICAL_DATES)
  performedAt!: string;
}

/** A quantitative value with its UCUM unit and reference range. */
export class QuantityValueDto {
  /** LOINC code. */
  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-Za-z-]{1,20}$/, {
    message: 'code must be a LOINC-style code',
  })
  code?: string;

  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-1e12)
  @Max(1e12)
  value!: number;

  /** UCUM unit, e.g. `pg/mL`, `10*9/L`, `g/dL`. */
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  unit!: string;

  /** Lower limit of the laboratory's reference range. */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  low?: number;

  /** Upper limit of the laboratory's reference range. */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  high?: number;

  @IsOptional()
  @IsIn(INTERPRETATIONS)
  interpretation?: Interpretation;
}

/** Endocrine panel: each axis abnormal, normal or not tested. */
export class EndocrineAxesDto {
  @IsOptional() @IsIn(AXIS_STATES) gonadal?: AxisState;
  @IsOptional() @IsIn(AXIS_STATES) prolactin?: AxisState;
  @IsOptional() @IsIn(AXIS_STATES) thyroid?: AxisState;
  @IsOptional() @IsIn(AXIS_STATES) adrenal?: AxisState;
  @IsOptional() @IsIn(AXIS_STATES) parathyroid?: AxisState;
  @IsOptional() @IsIn(AXIS_STATES) glucose?: AxisState;
}

/** One clone of a biclonal immunofixation (protocol version 2). */
export class CloneDto {
  @IsIn(HEAVY_CHAINS)
  heavyChain!: HeavyChain;

  @IsIn(LIGHT_CHAINS)
  lightChain!: LightChain;
}

/** A finding asserted by the hematologist; it overrides what the rules infer. */
export class AssertedFindingDto {
  @IsIn(CRITERION_KEYS)
  criterion!: CriterionKey;

  @IsIn(FINDING_VALUES)
  value!: FindingValue;
}

export class ResultItemDto
  extends ItemActionDto
  implements ItemActionRequest<'result'>
{
  /** When the test was done, if not recorded by `perform`. */
  @IsOptional()
  @IsInstant(CLINICAL_DATES)
  performedAt?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => QuantityValueDto)
  values?: QuantityValueDto[];

  /** VEGF only, required there: values are never compared across specimens. */
  @IsOptional()
  @IsIn(SPECIMENS)
  specimen?: Specimen;

  @IsOptional()
  @IsIn(HEAVY_CHAINS)
  heavyChain?: HeavyChain;

  @IsOptional()
  @IsIn(LIGHT_CHAINS)
  lightChain?: LightChain;

  /** Immunofixation with more than one clone (protocol version 2): each heavy/light pair. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => CloneDto)
  clones?: CloneDto[];

  @IsOptional()
  @ValidateNested()
  @Type(() => EndocrineAxesDto)
  axes?: EndocrineAxesDto;

  /** Skeletal imaging: what lesions were seen. */
  @IsOptional()
  @IsIn(LESION_TYPES)
  lesions?: LesionType;

  @IsOptional()
  @IsIn(IMAGING_MODALITIES)
  modality?: ImagingModality;

  /** Structured signs seen (e.g. `lymphadenopathy`, `edema`, `hyperpigmentation`). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsIn(SIGN_KEYS, { each: true })
  signs?: SignKey[];

  /** VEGF: conditions that raise serum VEGF, shown beside the value. */
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(VEGF_CONFOUNDERS, { each: true })
  confounders?: VegfConfounder[];

  /** The free-text read (imaging, pathology, EMG). */
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  report?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(11)
  @ValidateNested({ each: true })
  @Type(() => AssertedFindingDto)
  findings?: AssertedFindingDto[];

  // The follow-up's structured measures (poems-followup.md §2–§6): which item takes which, their
  // ranges and their agreement are the domain's rules (validateResultMeasures), checked with the
  // rest of the result, so one place decides.
  /** `bone_imaging`: lesions attributed to POEMS, a whole number or `diffuse`. */
  @Allow() lesionCount?: number | 'diffuse';
  /** `bone_imaging` on PET/CT: FDG-avid lesions. */
  @Allow() avidLesionCount?: number;
  /** `bone_imaging` on PET/CT: a new lesion since the previous study. */
  @Allow() newLesion?: boolean;
  /** `bone_imaging` on PET/CT: `resolved` | `improved` | `unchanged` | `worse`. */
  @Allow() impression?: 'resolved' | 'improved' | 'unchanged' | 'worse';
  /** `bone_marrow_biopsy`: `iliac_crest` | `lesion`. */
  @Allow() marrowSite?: 'iliac_crest' | 'lesion';
  /** `neuro_exam`: ONLS arm grade 0–5. */
  @Allow() onlsArm?: number;
  /** `neuro_exam`: ONLS leg grade 0–7. */
  @Allow() onlsLeg?: number;
  /** `neuro_exam`: ONLS total 0–12 (arm + leg). */
  @Allow() onls?: number;
  /** `neuro_exam`: modified Rankin Scale 0–6. */
  @Allow() mrs?: number;
  /** `chemistry_panel`: `ckd_epi_2021` | `ckd_epi_2009` | `mdrd` | `other`. */
  @Allow() egfrMethod?: 'ckd_epi_2021' | 'ckd_epi_2009' | 'mdrd' | 'other';
  /** `echocardiogram`: PA systolic pressure (RVSP), mmHg. */
  @Allow() paspMmHg?: number;
  /** `pft`: DLCO, % of predicted. */
  @Allow() dlcoPercentPredicted?: number;
}

export class ReviewItemDto
  extends ItemActionDto
  implements ItemActionRequest<'review'>
{
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  note?: string;
}

/** Cancel, not indicated, reopen: a reason is required. */
export class ReasonItemDto
  extends ItemActionDto
  implements ItemActionRequest<'cancel'>
{
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'reason must not be empty' })
  @MaxLength(1000)
  reason!: string;
}

export class ActivateItemDto
  extends ItemActionDto
  implements ItemActionRequest<'activate'>
{
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  reason?: string;
}
