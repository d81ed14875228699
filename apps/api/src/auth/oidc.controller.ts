import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Post,
  Query,
  Redirect,
  Req,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@poems/domain';
import { type AuthProviders, type LoginResponse } from '@poems/contract';
import { Public } from '../common/decorators/access.decorators';
import {
  Ctx,
  type RequestContext,
} from '../common/request-context/request-context';
import { BackchannelLogoutDto, OidcExchangeDto } from './auth.dto';
import { OidcBackchannelService } from './oidc-backchannel.service';
import type { AuthenticatedRequest } from './authenticated-user';
import { OidcService, SSO_RETURN_PATH } from './oidc.service';

interface RedirectTo {
  readonly url: string;
  readonly statusCode: number;
}

/**
 * OpenID Connect single sign-on. The browser navigates to `login`, signs in at the provider, comes
 * back to `callback`, and lands on the web app's return page with a one-time code in the URL
 * fragment (never sent to a server, never in a log); the page trades it for the token.
 */
@ApiTags('auth')
@Controller('auth')
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    private readonly backchannel: OidcBackchannelService,
  ) {}

  @ApiOperation({
    summary:
      'How to sign in: whether local passwords are allowed, and the single sign-on provider (name, reachable) when configured.',
  })
  @Public()
  @Get('providers')
  providers(): Promise<AuthProviders> {
    return this.oidc.providers();
  }

  @ApiOperation({
    summary:
      'Starts single sign-on: 302 to the identity provider (Authorization Code with PKCE); 404 when not configured.',
  })
  @Public()
  @Get('oidc/login')
  @Redirect()
  async login(@Req() request: AuthenticatedRequest): Promise<RedirectTo> {
    try {
      const url = await this.oidc.startLogin(
        `${request.protocol}://${request.host}`,
      );
      return { url, statusCode: HttpStatus.FOUND };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'unavailable') {
        return returnPage({ error: 'unavailable' });
      }
      throw error;
    }
  }

  @ApiOperation({
    summary:
      'The redirect URI registered at the provider: checks its answer, signs the user in and 302s to the web app’s return page with a one-time code, or with the reason of a refusal.',
  })
  @Public()
  @Get('oidc/callback')
  @Redirect()
  async callback(
    @Ctx() context: RequestContext,
    @Query() query: Record<string, string | undefined>,
  ): Promise<RedirectTo> {
    const outcome = await this.oidc.callback(context, query);
    return 'code' in outcome
      ? returnPage({ code: outcome.code })
      : returnPage({
          error: outcome.refused,
          ...(outcome.claim === undefined ? {} : { claim: outcome.claim }),
        });
  }

  @ApiOperation({
    summary:
      'Trades the one-time code of a single sign-on (valid once, for 60 s) for the session’s access token.',
  })
  @Public()
  @Post('oidc/exchange')
  @HttpCode(HttpStatus.OK)
  exchange(@Body() body: OidcExchangeDto): Promise<LoginResponse> {
    return this.oidc.exchange(body.code);
  }

  @ApiOperation({
    summary:
      'Back-channel logout URI to register at the provider: a signed logout token (form field logout_token) ends the sessions it names; 400 when the token is refused.',
  })
  @Public()
  @Post('oidc/backchannel-logout')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  async backchannelLogout(
    @Ctx() context: RequestContext,
    @Body() body: BackchannelLogoutDto,
  ): Promise<void> {
    await this.backchannel.logout(context, body.logout_token);
  }
}

function returnPage(fragment: Record<string, string>): RedirectTo {
  return {
    url: `${SSO_RETURN_PATH}#${new URLSearchParams(fragment).toString()}`,
    statusCode: HttpStatus.FOUND,
  };
}
