import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@poems/domain';
import type { FastifyRequest } from 'fastify';

/** The signed-in caller, as the auth guard leaves it on `request.user`. */
export interface AuthenticatedUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  /** The server-side session of the access token (absent for API keys and feed tokens). */
  readonly sessionId?: string;
  /**
   * The role must use two-step sign-in and the user has not set it up: every route but enrolment
   * (and sign-out) is refused until they do.
   */
  readonly mfaEnrolmentRequired?: boolean;
}

/** A request after the auth guard has run. */
export type AuthenticatedRequest = FastifyRequest & {
  user?: AuthenticatedUser;
};

/** Injects the signed-in caller; only on routes the auth guard protects. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser => {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (request.user === undefined) {
      throw new Error(
        'CurrentUser used on a route without an authenticated user',
      );
    }
    return request.user;
  },
);
