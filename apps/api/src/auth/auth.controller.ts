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
  ROLES,
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
import { LoginDto } from './auth.dto';
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
    return user;
  }

  @ApiOperation({
    summary: 'Records the sign-out; the client discards its token.',
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
    return ROLES.map((role) => ({
      username: role,
      role,
      password: DEMO_PASSWORD,
    }));
  }
}
