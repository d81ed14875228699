import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { ProtocolDefinition } from '@poems/domain';
import { RequirePermission } from '../common/decorators/access.decorators';
import { ProtocolQuery } from './protocols.dto';
import { ProtocolsService } from './protocols.service';

@Controller('protocols')
export class ProtocolsController {
  constructor(private readonly protocols: ProtocolsService) {}

  /** A protocol's catalog: criteria, items, coverage, priorities, thresholds, codes and version. */
  @Get(':key')
  @RequirePermission('protocol.read')
  @ApiOkResponse({
    description:
      'The catalog of the newest version of the protocol, or of the published version `?version=` names (404 for an unknown one).',
  })
  get(
    @Param('key') key: string,
    @Query() query: ProtocolQuery,
  ): ProtocolDefinition {
    return this.protocols.find(key, query.version);
  }
}
