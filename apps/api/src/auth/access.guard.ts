import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AuthGuard } from '@nestjs/passport';
import { DomainError, may, type Permission } from '@poems/domain';
import {
  IS_PUBLIC,
  REQUIRED_PERMISSION,
} from '../common/decorators/access.decorators';
import { fieldErrorsOf } from '../common/validation/validation.pipe';
import { LoginDto } from './auth.dto';
import type {
  AuthenticatedRequest,
  AuthenticatedUser,
} from './authenticated-user';

/**
 * The global guard: deny by default. A route is reachable without a token only when marked
 * `@Public()`; every other route needs a valid token of an active user AND a declared
 * permission that the user's role holds in the domain table. A route that declares none is
 * refused, so forgetting the decorator fails closed.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      return true;
    }
    await super.canActivate(context);
    const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(
      REQUIRED_PERMISSION,
      targets,
    );
    if (
      user === undefined ||
      permission === undefined ||
      !may(user.role, permission)
    ) {
      throw new DomainError('forbidden', 'Your role may not do this.');
    }
    return true;
  }

  override handleRequest<T = AuthenticatedUser>(
    error: unknown,
    user: T | false | null,
  ): T {
    if (error instanceof DomainError) {
      throw error;
    }
    if (error || !user) {
      throw new DomainError(
        'unauthenticated',
        'Sign in: the access token is missing, invalid or expired.',
      );
    }
    return user;
  }
}

/**
 * The guard of the login route: passport-local, answering every failure with one 401. Guards run
 * before pipes, so the body is validated here: a malformed body is a 400 and never counts as a
 * failed sign-in.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const raw: unknown = request.body;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw DomainError.invalid([
        {
          field: 'body',
          message: 'send a JSON object with username and password',
        },
      ]);
    }
    const body = plainToInstance(LoginDto, raw);
    const errors = await validate(body, {
      whitelist: true,
      forbidNonWhitelisted: true,
      validationError: { target: false, value: false },
    });
    if (errors.length > 0) {
      throw DomainError.invalid(fieldErrorsOf(errors));
    }
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T = AuthenticatedUser>(
    error: unknown,
    user: T | false | null,
  ): T {
    if (error instanceof DomainError) {
      throw error;
    }
    if (error || !user) {
      throw new DomainError(
        'unauthenticated',
        'The username or password is incorrect.',
      );
    }
    return user;
  }
}
