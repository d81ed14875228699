import { Controller, Get, Inject, NotFoundException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DemoAccount } from '@poems/contract';
import { Public } from '../common/decorators/access.decorators';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { demoAccounts } from './demo-credentials';

/**
 * The sign-in page's list of demo accounts. Owned by the demo module, beside the seeder that
 * creates them, so sign-in itself knows nothing of demo credentials.
 */
@ApiTags('auth')
@Controller('auth')
export class DemoAccountsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

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
    return demoAccounts();
  }
}
