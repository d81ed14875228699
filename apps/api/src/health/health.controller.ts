import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiServiceUnavailableResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/decorators/access.decorators';
import { HealthDto } from './health.dto';
import { HealthService } from './health.service';

@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Liveness and database reachability, for load balancers and container health checks. */
  @Get()
  @Public()
  @ApiServiceUnavailableResponse({
    type: HealthDto,
    description: 'The database does not answer.',
  })
  async check(
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HealthDto> {
    const health = await this.health.check();
    void reply.status(
      health.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE,
    );
    return health;
  }
}
