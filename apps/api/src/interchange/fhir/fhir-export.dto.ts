import { IsOptional, IsUUID } from 'class-validator';

/** Query of `GET /api/patients/:id/fhir`. */
export class FhirExportQuery {
  /** Only this workup of the patient; by default every workup, oldest first. */
  @IsOptional()
  @IsUUID('all', { message: 'workup must be a workup id (UUID)' })
  workup?: string;
}
