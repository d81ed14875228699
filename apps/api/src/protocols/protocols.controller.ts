import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { ProtocolDefinition } from '@poems/domain';
import { RequirePermission } from '../common/decorators/access.decorators';
import { ProtocolsService } from './protocols.service';

@Controller('protocols')
export class ProtocolsController {
  constructor(private readonly protocols: ProtocolsService) {}

  /** A protocol's catalog: criteria, items, coverage, thresholds, codes and version. */
  @Get(':key')
  @RequirePermission('protocol.read')
  @ApiOkResponse({
    description: 'The catalog of the newest version of the protocol.',
  })
  get(@Param('key') key: string): ProtocolDefinition {
    return this.protocols.current(key);
  }
}
