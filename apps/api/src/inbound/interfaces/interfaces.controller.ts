import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CreatedApiKey, LabInterfaceView } from '@poems/contract';
import { RequirePermission } from '../../common/decorators/access.decorators';
import {
  Ctx,
  type RequestContext,
} from '../../common/request-context/request-context';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import {
  CreateApiKeyDto,
  CreateInterfaceDto,
  UpdateInterfaceDto,
} from './interfaces.dto';
import { InterfacesService } from './interfaces.service';

/** Laboratory interfaces and their API keys (admins). */
@ApiTags('interfaces')
@ApiBearerAuth()
@RequirePermission('interface.manage')
@Controller('interfaces')
export class InterfacesController {
  constructor(private readonly interfaces: InterfacesService) {}

  @ApiOperation({
    summary:
      'Every laboratory interface with its keys (never the keys themselves).',
  })
  @Get()
  list(): Promise<LabInterfaceView[]> {
    return this.interfaces.list();
  }

  @ApiOperation({
    summary:
      'Creates an interface and its service identity (role interface, no sign-in).',
  })
  @Post()
  create(
    @Ctx() context: RequestContext,
    @Body() body: CreateInterfaceDto,
  ): Promise<LabInterfaceView> {
    return this.interfaces.create(context, body);
  }

  @ApiOperation({ summary: 'One interface.' })
  @Get(':id')
  get(@Param('id', uuidPipe) id: string): Promise<LabInterfaceView> {
    return this.interfaces.get(id);
  }

  @ApiOperation({
    summary:
      'Enables or disables an interface, changes its zone, certificate or code maps.',
  })
  @Patch(':id')
  update(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Body() body: UpdateInterfaceDto,
  ): Promise<LabInterfaceView> {
    return this.interfaces.update(context, id, body);
  }

  @ApiOperation({
    summary:
      'A new API key, shown once; current keys keep working for overlapHours (rotation).',
  })
  @Post(':id/keys')
  createKey(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Body() body: CreateApiKeyDto,
  ): Promise<CreatedApiKey> {
    return this.interfaces.createKey(context, id, body);
  }

  @ApiOperation({ summary: 'Revokes an API key at once.' })
  @HttpCode(200)
  @Post(':id/keys/:key/revoke')
  revokeKey(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Param('key', uuidPipe) keyId: string,
  ): Promise<LabInterfaceView> {
    return this.interfaces.revokeKey(context, id, keyId);
  }
}
