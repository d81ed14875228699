import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AuditWriter } from '../../audit/audit-writer';
import { safeError } from '../../common/logging/logger';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.module';
import {
  InboundPipeline,
  type InboundOutcome,
} from '../inbound-pipeline.service';
import { interfaceActor, type LabInterface } from '../lab-interface';
import { LabInterfacesRepository } from '../lab-interfaces.repository';
import { buildAck, type AckError, type AckTarget } from './hl7-ack';
import { decodeFrame, parseHl7, UnparseableFrame } from './hl7-message';
import { headerOf, Hl7Refusal, reportOf, type Hl7Header } from './hl7-oru';

/** HL7 versions the ORU^R01 subset holds for (lab-interface reference §1.2). */
const VERSIONS = new Set(['2.3', '2.3.1', '2.4', '2.5', '2.5.1']);

/** MSH-18 values each listener encoding reads correctly. */
const CHARSETS: Readonly<Record<'utf-8' | 'latin1', readonly string[]>> = {
  'utf-8': ['', 'ASCII', 'UNICODE UTF-8', 'UTF-8'],
  latin1: ['', 'ASCII', '8859/1'],
};

/** What a connection knows about who is on the other end. */
export interface Hl7Peer {
  readonly address: string;
  /** The interface a TLS client certificate binds the connection to. */
  readonly boundInterface?: LabInterface;
}

/** The answer to one frame, and the interface it turned out to come from. */
export interface Hl7Answer {
  readonly ack: string;
  readonly iface?: LabInterface;
}

/**
 * One MLLP frame in, one ACK out (lab-interface reference §1.4): decode strictly, parse, check the
 * header and the sender against the connection, hand the report to the pipeline, answer AA only
 * once it has committed. Logs carry ids and outcomes, never payloads.
 */
@Injectable()
export class Hl7Intake {
  constructor(
    private readonly dataSource: DataSource,
    private readonly interfaces: LabInterfacesRepository,
    private readonly pipeline: InboundPipeline,
    private readonly audit: AuditWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectPinoLogger(Hl7Intake.name) private readonly logger: PinoLogger,
  ) {}

  /** The answer to bytes outside any frame, or to a frame that is no message: `MSA|AR|`, 100. */
  garbageAck(): string {
    return buildAck(
      {},
      'AR',
      [
        {
          code: 100,
          location: '',
          severity: 'E',
          text: 'No HL7 message (no MSH segment) in the frame.',
        },
      ],
      new Date(),
    );
  }

  async receive(bytes: Buffer, peer: Hl7Peer): Promise<Hl7Answer> {
    let header: Hl7Header | undefined;
    let iface: LabInterface | undefined;
    try {
      const text = decodeFrame(bytes, this.config.hl7Mllp.encoding);
      const message = parseHl7(text);
      header = headerOf(message);
      iface = await this.senderOf(header, peer);
      this.checkHeader(header);
      const report = reportOf(
        message,
        iface.timeZone ?? this.config.clinicTimeZone,
      );
      const target = header;
      const result = await this.pipeline.submit({
        iface,
        protocol: 'hl7v2',
        sendingApplication: header.sendingApplication,
        sendingFacility: header.sendingFacility,
        controlId: header.controlId,
        contentSha256: contentHash(text),
        raw: bytes,
        report,
        clientIp: peer.address,
        respond: (outcome) => ({
          text: buildAck(target, 'AA', warningsOf(outcome), new Date()),
          code: 'AA',
        }),
      });
      switch (result.kind) {
        case 'processed':
          this.logger.info(
            {
              messageId: result.outcome.messageId,
              interface: iface.name,
              applied: result.outcome.applied.length,
              held: result.outcome.held.length,
            },
            'HL7 message processed',
          );
          return { ack: result.response, iface };
        case 'duplicate':
          this.logger.info(
            { messageId: result.messageId, interface: iface.name },
            'HL7 duplicate answered with the stored ACK',
          );
          return { ack: result.response, iface };
        case 'reused_key':
          this.logger.warn(
            { messageId: result.messageId, interface: iface.name },
            'HL7 control id reused with other content',
          );
          return {
            ack: buildAck(
              header,
              'AE',
              [
                {
                  code: 205,
                  location: 'MSH^1^10',
                  severity: 'E',
                  text: 'This control id was already used for another message.',
                },
              ],
              new Date(),
            ),
            iface,
          };
      }
    } catch (error) {
      return {
        ack: await this.refusal(error, header, iface, peer),
        ...(iface !== undefined && { iface }),
      };
    }
  }

  private async senderOf(
    header: Hl7Header,
    peer: Hl7Peer,
  ): Promise<LabInterface> {
    const bound = peer.boundInterface;
    const iface =
      bound ??
      (await this.interfaces.bySender(
        this.dataSource.manager,
        header.sendingApplication,
        header.sendingFacility,
      )) ??
      undefined;
    if (
      iface === undefined ||
      !iface.enabled ||
      iface.sendingApplication !== header.sendingApplication ||
      iface.sendingFacility !== header.sendingFacility
    ) {
      throw Hl7Refusal.of(
        'AR',
        204,
        'MSH^1^4',
        'The sending application and facility are not an interface of this connection.',
      );
    }
    return iface;
  }

  private checkHeader(header: Hl7Header): void {
    if (header.controlId.trim() === '') {
      throw Hl7Refusal.of(
        'AE',
        101,
        'MSH^1^10',
        'MSH-10 (message control id) is required.',
      );
    }
    if (
      header.messageType !== 'ORU' ||
      header.triggerEvent !== 'R01' ||
      (header.structure !== '' && header.structure !== 'ORU_R01')
    ) {
      throw Hl7Refusal.of('AR', 200, 'MSH^1^9', 'Only ORU^R01 is accepted.');
    }
    if (header.processingId !== this.config.hl7Mllp.processingId) {
      throw Hl7Refusal.of(
        'AR',
        202,
        'MSH^1^11',
        `This listener accepts processing id ${this.config.hl7Mllp.processingId} only.`,
      );
    }
    if (!VERSIONS.has(header.version)) {
      throw Hl7Refusal.of(
        'AR',
        203,
        'MSH^1^12',
        'HL7 versions 2.3 to 2.5.1 are accepted.',
      );
    }
    if (
      !CHARSETS[this.config.hl7Mllp.encoding].includes(
        header.charset.toUpperCase(),
      )
    ) {
      throw Hl7Refusal.of(
        'AR',
        203,
        'MSH^1^18',
        `This listener reads ${this.config.hl7Mllp.encoding}; MSH-18 names another character set.`,
      );
    }
  }

  private async refusal(
    error: unknown,
    header: Hl7Header | undefined,
    iface: LabInterface | undefined,
    peer: Hl7Peer,
  ): Promise<string> {
    const target: AckTarget = header ?? {};
    if (error instanceof UnparseableFrame) {
      this.logger.warn(
        { peer: peer.address },
        'HL7 frame refused: no parseable message',
      );
      return buildAck(
        error.controlId === undefined ? {} : { controlId: error.controlId },
        'AR',
        [{ code: 100, location: '', severity: 'E', text: error.message }],
        new Date(),
      );
    }
    if (error instanceof Hl7Refusal) {
      this.logger.warn(
        {
          peer: peer.address,
          interface: iface?.name,
          code: error.error.code,
          location: error.error.location,
        },
        'HL7 message refused',
      );
      await this.auditRefusal(iface, header, error.error, peer);
      return buildAck(target, error.ackCode, [error.error], new Date());
    }
    // The database is down or something failed on our side: nothing was committed, so AR 207 tells
    // the sender to retry later (original-mode rules use AR for failures unrelated to content).
    this.logger.error(
      { err: safeError(error), peer: peer.address, interface: iface?.name },
      'HL7 message could not be processed',
    );
    return buildAck(
      target,
      'AR',
      [
        {
          code: 207,
          location: '',
          severity: 'E',
          text: 'Internal error; retry later.',
        },
      ],
      new Date(),
    );
  }

  private async auditRefusal(
    iface: LabInterface | undefined,
    header: Hl7Header | undefined,
    error: AckError,
    peer: Hl7Peer,
  ): Promise<void> {
    if (iface === undefined) {
      return;
    }
    try {
      await this.dataSource.transaction((manager) =>
        this.audit.record(
          manager,
          {
            actor: interfaceActor(iface),
            requestId: 'inbound',
            clientIp: peer.address,
          },
          {
            action: 'inbound.rejected',
            outcome: 'failure',
            entityType: 'inbound_message',
            details: {
              protocol: 'hl7v2',
              controlId: header?.controlId ?? null,
              code: error.code,
              location: error.location,
            },
          },
        ),
      );
    } catch (auditError) {
      this.logger.warn(
        { err: safeError(auditError) },
        'Could not audit an HL7 refusal',
      );
    }
  }
}

/** SHA-256 of a message with MSH-7 blanked: a resend may restamp the send time. */
export function contentHash(text: string): Buffer {
  const segments = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .filter((s) => s.trim() !== '');
  const [msh = '', ...rest] = segments;
  const separator = msh.charAt(3) || '|';
  const fields = msh.split(separator);
  if (fields.length > 6) {
    fields[6] = '';
  }
  return createHash('sha256')
    .update([fields.join(separator), ...rest].join('\r'), 'utf8')
    .digest();
}

/** Warnings on an AA: an unknown MRN (204 at PID-3), an unmapped code (103 at its OBX-3). */
function warningsOf(outcome: InboundOutcome): AckError[] {
  const warnings: AckError[] = [];
  if (outcome.held.some((h) => h.reason === 'unknown_patient')) {
    warnings.push({
      code: 204,
      location: 'PID^1^3',
      severity: 'W',
      text: 'Unknown patient: held for review.',
    });
  }
  for (const held of outcome.held.filter((h) => h.reason === 'unknown_code')) {
    for (const observation of held.observations) {
      warnings.push({
        code: 103,
        location: `OBX^${observation.setId}^3`,
        severity: 'W',
        text: 'Observation code not mapped: held for review.',
      });
    }
  }
  return warnings;
}
