import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { problemFor } from './problem-mapping';
import { sendProblem } from './problem-reply';

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
    sendProblem(request, reply, problem);
  }
}
