import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  NotFoundException,
  Post,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  PERSON_ROLES,
  type DemoAccount,
  type LoginResponse,
  type UserView,
} from '@poems/domain';
import {
  Public,
  RequirePermission,
} from '../common/decorators/access.decorators';
import {
  Ctx,
  type RequestContext,
} from '../common/request-context/request-context';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { DEMO_PASSWORD } from '../demo/demo-users.seeder';
import { LocalAuthGuard } from './access.guard';
import { ChangePasswordDto, LoginDto } from './auth.dto';
import { AuthService } from './auth.service';
import { CurrentUser, type AuthenticatedUser } from './authenticated-user';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthService,
  ) {}

  @ApiOperation({
    summary:
      'Sign in with username and password; returns a short-lived bearer token.',
  })
  @Public()
  @UseGuards(LocalAuthGuard)
  @Post('login')
  @HttpCode(HttpStatus.OK)
  login(
    // Validated by the local strategy; declared for the OpenAPI document.
    @Body() _credentials: LoginDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<LoginResponse> {
    return this.auth.issueToken(user);
  }

  @ApiOperation({ summary: 'The signed-in user.' })
  @ApiBearerAuth()
  @RequirePermission('session.use')
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
    summary: 'Ends the session: its token stops working at once.',
  })
  @ApiBearerAuth()
  @RequirePermission('session.use')
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  async logout(@Ctx() context: RequestContext): Promise<void> {
    await this.auth.signOut(context);
  }

  @ApiOperation({
    summary:
      'The demo accounts, in demo mode only (404 otherwise), for the sign-in page.',
  })
  @Public()
  @Get('demo-accounts')
  demoAccounts(): DemoAccount[] {
    if (!this.config.demoSeed) {
      throw new NotFoundException();
    }
    return PERSON_ROLES.map((role) => ({
      username: role,
      role,
      password: DEMO_PASSWORD,
    }));
  }
}
