import { Controller, Get, Inject } from '@nestjs/common';
import type { ClinicView } from '@poems/contract';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { Public } from '../common/decorators/access.decorators';
import { ClinicDto } from './clinic.dto';

@Controller('clinic')
export class ClinicController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /**
   * The clinic's clock, read by the web app before anything is shown (the sign-in page included),
   * so no page ever falls back to the viewer's own time zone. Public: it is a setting, not data.
   */
  @Get()
  @Public()
  settings(): ClinicDto {
    const view: ClinicView = {
      timeZone: this.config.clinicTimeZone,
      dueSoonDays: this.config.dueSoonDays,
    };
    return view;
  }
}
