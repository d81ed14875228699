import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError } from '@poems/domain';
import {
  type LoginAnswer,
  type LoginResponse,
  type MfaEnrolment,
  type MfaRecoveryCodes,
  type MfaStatus,
  type LogoutResponse,
  type UserView,
} from '@poems/contract';
import {
  AllowedBeforeMfaEnrolment,
  Public,
  RequirePermission,
} from '../common/decorators/access.decorators';
import {
  Ctx,
  type RequestContext,
} from '../common/request-context/request-context';
import { LocalAuthGuard } from './access.guard';
import {
  ChangePasswordDto,
  LoginDto,
  MfaConfirmDto,
  MfaRegenerateRecoveryCodesDto,
  MfaVerifyDto,
} from './auth.dto';
import { AuthService, type SignInOutcome } from './auth.service';
import {
  CurrentUser,
  type AuthenticatedRequest,
  type AuthenticatedUser,
} from './authenticated-user';
import { MfaService, type SecondFactor } from './mfa.service';
import { OidcService } from './oidc.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly mfa: MfaService,
    private readonly oidc: OidcService,
  ) {}

  @ApiOperation({
    summary:
      'Sign in with username and password; returns a short-lived bearer token, or the challenge of the second step when the account uses two-step sign-in.',
  })
  @Public()
  @UseGuards(LocalAuthGuard)
  @Post('login')
  @HttpCode(HttpStatus.OK)
  async login(
    // Validated by the local strategy; declared for the OpenAPI document.
    @Body() _credentials: LoginDto,
    // The local strategy leaves its outcome where passport puts users.
    @Req() request: { user?: SignInOutcome },
  ): Promise<LoginAnswer> {
    const outcome = request.user;
    if (outcome === undefined) {
      throw new Error('The login route ran without its guard');
    }
    return 'mfaChallenge' in outcome
      ? outcome.mfaChallenge
      : this.auth.issueToken(outcome);
  }

  @ApiOperation({
    summary:
      'The second step of a sign-in: the challenge and a code of the authenticator app (or a recovery code); returns a bearer token.',
  })
  @Public()
  @Post('mfa/verify')
  @HttpCode(HttpStatus.OK)
  async verifyMfa(
    @Ctx() context: RequestContext,
    @Body() body: MfaVerifyDto,
  ): Promise<LoginResponse> {
    return this.auth.issueToken(
      await this.mfa.verify(context, body.challengeToken, secondFactorOf(body)),
    );
  }

  @ApiOperation({ summary: 'The caller’s two-step sign-in.' })
  @ApiBearerAuth()
  @RequirePermission('session.use')
  @AllowedBeforeMfaEnrolment()
  @Get('mfa')
  mfaStatus(@CurrentUser() user: AuthenticatedUser): Promise<MfaStatus> {
    return this.mfa.statusOf(user);
  }

  @ApiOperation({
    summary:
      'Starts setting up an authenticator app: a new secret and its otpauth URI (unconfirmed until a first code).',
  })
  @ApiBearerAuth()
  @RequirePermission('session.use')
  @AllowedBeforeMfaEnrolment()
  @Post('mfa/enrolment')
  @HttpCode(HttpStatus.OK)
  startMfaEnrolment(@Ctx() context: RequestContext): Promise<MfaEnrolment> {
    return this.mfa.startEnrolment(context);
  }

  @ApiOperation({
    summary:
      'Confirms the new authenticator with a first code; returns the recovery codes, shown this once.',
  })
  @ApiBearerAuth()
  @RequirePermission('session.use')
  @AllowedBeforeMfaEnrolment()
  @Post('mfa/enrolment/confirm')
  @HttpCode(HttpStatus.OK)
  confirmMfaEnrolment(
    @Ctx() context: RequestContext,
    @Body() body: MfaConfirmDto,
  ): Promise<MfaRecoveryCodes> {
    return this.mfa.confirmEnrolment(context, body.code);
  }

  @ApiOperation({
    summary:
      'New recovery codes for the caller, proved by a current code of the authenticator; the old codes stop working. Shown this once.',
  })
  @ApiBearerAuth()
  @RequirePermission('session.use')
  @Post('mfa/recovery-codes')
  @HttpCode(HttpStatus.OK)
  regenerateRecoveryCodes(
    @Ctx() context: RequestContext,
    @Body() body: MfaRegenerateRecoveryCodesDto,
  ): Promise<MfaRecoveryCodes> {
    return this.mfa.regenerateRecoveryCodes(context, body.code);
  }

  @ApiOperation({ summary: 'The signed-in user.' })
  @ApiBearerAuth()
  @RequirePermission('session.use')
  @AllowedBeforeMfaEnrolment()
  @Get('me')
  me(@CurrentUser() user: AuthenticatedUser): UserView {
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
    };
  }

  @ApiOperation({
    summary:
      'A fresh access token of the same session (counts as activity); 401 once the session has ended.',
  })
  @ApiBearerAuth()
  @RequirePermission('session.use')
  @AllowedBeforeMfaEnrolment()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  refresh(@CurrentUser() user: AuthenticatedUser): Promise<LoginResponse> {
    return this.auth.issueToken(user);
  }

  @ApiOperation({
    summary:
      'Changes the caller’s password (the current one required); ends all the user’s sessions, this one included.',
  })
  @ApiBearerAuth()
  @RequirePermission('session.use')
  @Post('password')
  @HttpCode(HttpStatus.NO_CONTENT)
  async changePassword(
    @Ctx() context: RequestContext,
    @Body() body: ChangePasswordDto,
  ): Promise<void> {
    await this.auth.changePassword(
      context,
      body.currentPassword,
      body.newPassword,
    );
  }

  @ApiOperation({
    summary:
      'Ends the session: its token stops working at once. A single sign-on session also answers the provider’s end-session URL (RP-initiated logout) for the browser to visit.',
  })
  @ApiBearerAuth()
  @RequirePermission('session.use')
  @AllowedBeforeMfaEnrolment()
  @Post('logout')
  @ApiNoContentResponse({ description: 'Signed out of a local session.' })
  @ApiOkResponse({
    description:
      'Signed out of a single sign-on session; `providerLogoutUrl` ends the provider’s session.',
  })
  async logout(
    @Ctx() context: RequestContext,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LogoutResponse | undefined> {
    const answer = await this.oidc.signOut(
      context,
      `${request.protocol}://${request.host}`,
    );
    // Nothing for the browser to visit after a local session: 204, as sign-out has always answered.
    if (answer.providerLogoutUrl === null) {
      void reply.status(HttpStatus.NO_CONTENT);
      return undefined;
    }
    void reply.status(HttpStatus.OK);
    return answer;
  }
}

function secondFactorOf(body: MfaVerifyDto): SecondFactor {
  if (body.code !== undefined && body.recoveryCode === undefined) {
    return { kind: 'totp', code: body.code };
  }
  if (body.recoveryCode !== undefined && body.code === undefined) {
    return { kind: 'recovery_code', code: body.recoveryCode };
  }
  throw DomainError.invalid([
    {
      field: 'code',
      message: 'send either code (the authenticator app’s) or recoveryCode',
    },
  ]);
}
