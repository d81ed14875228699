import type { FastifyReply, FastifyRequest } from 'fastify';
import { isFhirPath, operationOutcomeOf } from './operation-outcome';
import {
  PROBLEM_CONTENT_TYPE,
  problemType,
  type ProblemDocument,
} from './problem-document';
import type { Problem } from './problem-mapping';

/**
 * Answers a problem: a problem document, or an OperationOutcome under the FHIR endpoint. Shared
 * by the exception filter and by the handler of errors Fastify raises before Nest sees a request.
 */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  problem: Problem,
): void {
  const document: ProblemDocument = {
    ...problem.extensions,
    type: problemType(problem.code),
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    instance: request.url.split('?')[0] ?? request.url,
    ...(problem.errors && { errors: problem.errors }),
  };
  const retryAfter = problem.extensions?.['retryAfterSeconds'];
  if (typeof retryAfter === 'number') {
    void reply.header('retry-after', String(retryAfter));
  }
  if (isFhirPath(document.instance)) {
    // FHIR clients read OperationOutcome, not problem documents (lab-interface reference §3).
    void reply
      .status(problem.status)
      .header('content-type', 'application/fhir+json; charset=utf-8')
      .send(JSON.stringify(operationOutcomeOf(document)));
    return;
  }
  void reply
    .status(problem.status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(document));
}
