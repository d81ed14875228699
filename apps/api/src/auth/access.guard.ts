import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AuthGuard } from '@nestjs/passport';
import { DomainError, may, type Permission } from '@poems/domain';
import {
  ACCEPTS_FEED_TOKEN,
  ALLOWED_BEFORE_MFA_ENROLMENT,
  IS_PUBLIC,
  REQUIRED_PERMISSION,
} from '../common/decorators/access.decorators';
import type { PermissionRequest } from '../audit/access-denials';
import { FeedTokens, type FeedRequest } from './feed-tokens';
import { interfaceActor, type LabInterface } from '../inbound/lab-interface';
import { LabInterfacesRepository } from '../inbound/lab-interfaces.repository';
import { isApiKey } from '../inbound/interfaces/interfaces.service';
import { DataSource } from 'typeorm';
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
  constructor(
    private readonly reflector: Reflector,
    private readonly feedTokens: FeedTokens,
    private readonly interfaces: LabInterfacesRepository,
    private readonly dataSource: DataSource,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      return true;
    }
    const request = context.switchToHttp().getRequest<PermissionRequest>();
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(
      REQUIRED_PERMISSION,
      targets,
    );
    // Named in the access.denied event should the request be refused.
    request.requiredPermission = permission;
    const feed = (request.query as Record<string, unknown> | undefined)?.[
      'feed'
    ];
    const bearer = /^Bearer (.+)$/i
      .exec(request.headers.authorization ?? '')?.[1]
      ?.trim();
    if (bearer !== undefined && isApiKey(bearer)) {
      // A laboratory interface's API key: its service identity (role `interface`) is the caller.
      const iface = await this.interfaces.byApiKey(
        this.dataSource.manager,
        bearer,
        new Date(),
      );
      request.user = this.handleRequest(
        null,
        iface === null ? null : interfaceActor(iface),
      );
      (
        request as AuthenticatedRequest & { labInterface?: LabInterface }
      ).labInterface = iface ?? undefined;
    } else if (
      this.reflector.get<boolean>(ACCEPTS_FEED_TOKEN, context.getHandler()) &&
      request.headers.authorization === undefined &&
      typeof feed === 'string'
    ) {
      const caller = await this.feedTokens.callerOf(feed, new Date());
      request.user = this.handleRequest(null, caller?.user ?? null);
      (request as FeedRequest).calendarFeedId = caller?.feedId;
    } else {
      await super.canActivate(context);
    }
    const user = request.user;
    if (
      user?.mfaEnrolmentRequired === true &&
      !this.reflector.get<boolean>(
        ALLOWED_BEFORE_MFA_ENROLMENT,
        context.getHandler(),
      )
    ) {
      throw new DomainError(
        'mfa_enrolment_required',
        'Your role must use two-step sign-in: set it up before anything else.',
      );
    }
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
    // Passport reports a bad token as a failure (no user) and anything the strategy threw, such
    // as the database being down while the user is looked up, as an error: that one is ours, not
    // the client's, and must not read as "sign in again".
    if (error) {
      throw error;
    }
    if (!user) {
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
    // As above: an error (throttled, bad credentials, database down) is passed on as it is; only
    // a missing user is a failed sign-in.
    if (error) {
      throw error;
    }
    if (!user) {
      throw new DomainError(
        'unauthenticated',
        'The username or password is incorrect.',
      );
    }
    return user;
  }
}
