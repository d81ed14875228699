import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type {
  AuthenticatedRequest,
  AuthenticatedUser,
} from '../../auth/authenticated-user';

/** Who asked, and from where: what every audit event records about the request. */
export interface RequestContext {
  readonly actor: AuthenticatedUser | null;
  readonly requestId: string;
  readonly clientIp: string;
}

export function requestContextOf(
  request: AuthenticatedRequest,
): RequestContext {
  return {
    actor: request.user ?? null,
    requestId: String(request.id),
    clientIp: request.ip,
  };
}

/** Injects the {@link RequestContext} of the current request. */
export const Ctx = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestContext =>
    requestContextOf(context.switchToHttp().getRequest<AuthenticatedRequest>()),
);
