import type {
  OperationOutcome,
  OperationOutcomeIssue,
} from '@medplum/fhirtypes';
import type { ProblemDocument } from './problem-document';

/** Routes under this prefix answer errors as FHIR OperationOutcome (the inbound FHIR endpoint). */
export const FHIR_PREFIX = '/api/fhir';

/** Whether a request path is under the inbound FHIR endpoint. */
export function isFhirPath(path: string): boolean {
  return path === FHIR_PREFIX || path.startsWith(`${FHIR_PREFIX}/`);
}

/** FHIR issue-type codes (http://hl7.org/fhir/issue-type) by HTTP status. */
const ISSUE_CODES: Readonly<Record<number, OperationOutcomeIssue['code']>> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  405: 'not-supported',
  406: 'not-supported',
  409: 'conflict',
  412: 'conflict',
  413: 'too-long',
  415: 'not-supported',
  422: 'business-rule',
  429: 'throttled',
  503: 'transient',
};

/** A problem document as an OperationOutcome: one issue per invalid field, else one. */
export function operationOutcomeOf(problem: ProblemDocument): OperationOutcome {
  const code = ISSUE_CODES[problem.status] ?? 'exception';
  const severity = problem.status >= 500 ? 'fatal' : 'error';
  const issues: OperationOutcomeIssue[] =
    problem.errors && problem.errors.length > 0
      ? problem.errors.map((e) => ({
          severity,
          code,
          diagnostics: e.message,
          expression: [e.field],
        }))
      : [{ severity, code, diagnostics: problem.detail }];
  return { resourceType: 'OperationOutcome', issue: issues };
}
