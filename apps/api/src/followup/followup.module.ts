import { Module } from '@nestjs/common';
import { FollowupController } from './followup.controller';
import { FollowupRepository } from './followup.repository';
import { FollowupService } from './followup.service';

@Module({
  controllers: [FollowupController],
  providers: [FollowupService, FollowupRepository],
  exports: [FollowupService, FollowupRepository],
})
export class FollowupModule {}
