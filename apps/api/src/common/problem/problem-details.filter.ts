import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import {
  PROBLEM_CONTENT_TYPE,
  problemType,
  type ProblemDocument,
} from './problem-document';
import { problemFor } from './problem-mapping';

/** Answers every error with an RFC 9457 problem document; logs the ones the client cannot fix. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(
    @InjectPinoLogger(ProblemDetailsFilter.name)
    private readonly logger: PinoLogger,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const problem = problemFor(exception);
    if (problem.unexpected) {
      // Only the request id and the error: the request itself may carry patient data.
      this.logger.error(
        { requestId: request.id, err: exception },
        problem.title,
      );
    }
    if (reply.sent) {
      return;
    }
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
    void reply
      .status(problem.status)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(document));
  }
}
