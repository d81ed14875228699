import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type {
  AuthenticatedRequest,
  AuthenticatedUser,
} from '../../auth/authenticated-user';
import { clientRequestIdOf } from '../request-id/request-id';

/** Who asked, and from where: what every audit event records about the request. */
export interface RequestContext {
  readonly actor: AuthenticatedUser | null;
  /** The server's own id of the request. */
  readonly requestId: string;
  /** The caller's (or its proxy's) `x-request-id`, kept apart from the server's: it is not vouched for. */
  readonly clientRequestId?: string;
  /** The peer's address, or the client's from X-Forwarded-For when the peer is a trusted proxy. */
  readonly clientIp: string;
}

export function requestContextOf(
  request: AuthenticatedRequest,
): RequestContext {
  const clientRequestId = clientRequestIdOf(request);
  return {
    actor: request.user ?? null,
    requestId: String(request.id),
    ...(clientRequestId === undefined ? {} : { clientRequestId }),
    clientIp: request.ip,
  };
}

/** Injects the {@link RequestContext} of the current request. */
export const Ctx = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestContext =>
    requestContextOf(context.switchToHttp().getRequest<AuthenticatedRequest>()),
);
