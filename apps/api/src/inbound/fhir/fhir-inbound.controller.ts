import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CapabilityStatement } from '@medplum/fhirtypes';
import { DomainError } from '@poems/domain';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../../auth/authenticated-user';
import {
  Public,
  RequirePermission,
} from '../../common/decorators/access.decorators';
import { RateLimiter } from '../../auth/rate-limiter';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.module';
import type { LabInterface } from '../lab-interface';
import { FhirInbound, type FhirAnswer } from './fhir-inbound.service';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';

type InterfaceRequest = AuthenticatedRequest & { labInterface?: LabInterface };

function send(reply: FastifyReply, answer: FhirAnswer): void {
  if (answer.location !== undefined) {
    void reply.header('location', answer.location);
  }
  void reply
    .status(answer.status)
    .header('content-type', FHIR_JSON)
    .send(JSON.stringify(answer.body));
}

/**
 * The FHIR R4 inbound endpoint (lab-interface reference §3), at `/api/fhir` and `/api/fhir/r4`.
 * Interfaces authenticate with their API key; errors are OperationOutcome.
 */
@ApiTags('fhir inbound')
@ApiBearerAuth()
@Controller(['fhir', 'fhir/r4'])
export class FhirInboundController {
  constructor(
    private readonly fhir: FhirInbound,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The submitting interface, within its rate (lab-interface reference §5: per-interface limits),
   * so one misbehaving sender cannot starve the others or the clinic's own users.
   */
  private async interfaceOf(request: InterfaceRequest): Promise<LabInterface> {
    const iface = request.labInterface;
    if (iface === undefined) {
      throw new DomainError(
        'forbidden',
        'Only a laboratory interface (API key) may submit results.',
      );
    }
    const limit = await this.limiter.hit(
      `inbound:interface:${iface.id}`,
      this.config.inboundRateLimit,
      60,
    );
    if (!limit.allowed) {
      throw new DomainError(
        'rate_limited',
        'Too many submissions from this interface; wait and retry.',
        { retryAfterSeconds: limit.retryAfterSeconds },
      );
    }
    return iface;
  }

  @ApiOperation({ summary: 'The CapabilityStatement of the inbound endpoint.' })
  @Public()
  @Get('metadata')
  metadata(@Res() reply: FastifyReply): void {
    send(reply, {
      status: 200,
      body: this.fhir.capabilities() satisfies CapabilityStatement,
    });
  }

  @ApiOperation({
    summary:
      'A transaction or batch Bundle of DiagnosticReport, Observation and Specimen (all or nothing for a transaction).',
  })
  @RequirePermission('inbound.submit')
  @HttpCode(200)
  @Post()
  async bundle(
    @Req() request: InterfaceRequest,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    send(
      reply,
      await this.fhir.bundle(await this.interfaceOf(request), body, request.ip),
    );
  }

  @ApiOperation({
    summary: 'A collection Bundle, processed like a transaction.',
  })
  @RequirePermission('inbound.submit')
  @HttpCode(200)
  @Post('Bundle')
  async collection(
    @Req() request: InterfaceRequest,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    send(
      reply,
      await this.fhir.bundle(
        await this.interfaceOf(request),
        body,
        request.ip,
        true,
      ),
    );
  }

  @ApiOperation({
    summary:
      'One Observation; If-None-Exist (identifier=system|value) makes a resubmission a 200.',
  })
  @RequirePermission('inbound.submit')
  @Post('Observation')
  async observation(
    @Req() request: InterfaceRequest,
    @Body() body: unknown,
    @Headers('if-none-exist') ifNoneExist: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    send(
      reply,
      await this.fhir.observation(
        await this.interfaceOf(request),
        body,
        request.ip,
        ifNoneExist,
      ),
    );
  }
}
