import { Module } from '@nestjs/common';
import { WorkupsModule } from '../workups/workups.module';
import { WorklistCalendarController } from './worklist-calendar.controller';
import { WorklistCalendarRepository } from './worklist-calendar.repository';
import { WorklistCalendarService } from './worklist-calendar.service';
import { WorklistController } from './worklist.controller';
import { WorklistRepository } from './worklist.repository';
import { WorklistService } from './worklist.service';

@Module({
  imports: [WorkupsModule],
  controllers: [WorklistController, WorklistCalendarController],
  providers: [
    WorklistService,
    WorklistRepository,
    WorklistCalendarService,
    WorklistCalendarRepository,
  ],
  exports: [WorklistRepository],
})
export class WorklistModule {}
