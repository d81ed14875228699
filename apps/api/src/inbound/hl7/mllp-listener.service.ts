import { readFile } from 'node:fs/promises';
import {
  BlockList,
  createServer,
  isIP,
  type Server,
  type Socket,
} from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { safeError } from '../../common/logging/logger';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.module';
import type { LabInterface } from '../lab-interface';
import { LabInterfacesRepository } from '../lab-interfaces.repository';
import { Hl7Intake, type Hl7Peer } from './hl7-intake.service';
import { frame, MllpFramer } from './mllp-framer';

/** How long shutdown waits for messages in flight before it closes their connections. */
const DRAIN_MS = 5_000;

/**
 * The HL7 v2 MLLP listener (lab-interface reference §5): off unless HL7_MLLP_ENABLED, on its own
 * port, bound to HL7_MLLP_HOST (127.0.0.1 by default, never every interface implicitly), the
 * HL7_MLLP_ALLOW blocks checked per socket, optional TLS with client certificates each bound to one
 * interface, a connection cap and an idle timeout. Each connection's messages are processed strictly
 * in order, each ACK written only after its message committed. Every replica runs one: the database
 * settles duplicates, whichever replica a message reached. Not @medplum's Hl7Server (§7.1–2).
 */
@Injectable()
export class MllpListener
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly inFlight = new Set<Promise<void>>();
  private boundPort: number | undefined;

  constructor(
    private readonly intake: Hl7Intake,
    private readonly interfaces: LabInterfacesRepository,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectPinoLogger(MllpListener.name) private readonly logger: PinoLogger,
  ) {}

  /** The port listened on, once listening (HL7_MLLP_PORT=0 picks a free one). */
  get port(): number | undefined {
    return this.boundPort;
  }

  async onApplicationBootstrap(): Promise<void> {
    const settings = this.config.hl7Mllp;
    if (!settings.enabled) {
      return;
    }
    const allow = this.allowList();
    const onConnection = (socket: Socket): void => this.accept(socket, allow);
    const server = settings.tls
      ? createTlsServer(
          {
            cert: await readFile(settings.tls.certFile),
            key: await readFile(settings.tls.keyFile),
            ca: await readFile(settings.tls.caFile),
            requestCert: true,
            rejectUnauthorized: true,
            minVersion: 'TLSv1.2',
          },
          onConnection,
        )
      : createServer(onConnection);
    server.maxConnections = settings.maxConnections;
    server.on('error', (error) =>
      this.logger.error({ err: safeError(error) }, 'MLLP listener error'),
    );
    if (settings.tls) {
      server.on('tlsClientError', (error) =>
        this.logger.warn(
          { err: safeError(error) },
          'MLLP TLS handshake refused',
        ),
      );
    }
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(settings.port, settings.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      if (
        (error as NodeJS.ErrnoException).code === 'EADDRINUSE' &&
        this.config.databaseUrl === undefined
      ) {
        // The embedded demo starts without its listener rather than not at all.
        this.logger.warn(
          { port: settings.port },
          'MLLP port busy: the demo runs without the HL7 listener',
        );
        return;
      }
      throw error;
    }
    this.server = server;
    const address = server.address();
    this.boundPort =
      typeof address === 'object' && address !== null
        ? address.port
        : settings.port;
    this.logger.info(
      {
        host: settings.host,
        port: this.boundPort,
        tls: settings.tls !== undefined,
      },
      `HL7 MLLP listener on ${settings.host}:${this.boundPort}`,
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (server === undefined) {
      return;
    }
    this.server = undefined;
    const closed = new Promise<void>((resolve) =>
      server.close(() => resolve()),
    );
    // Messages being processed finish and are answered; then every connection closes.
    await Promise.race([
      Promise.allSettled([...this.inFlight]),
      new Promise((r) => setTimeout(r, DRAIN_MS).unref()),
    ]);
    for (const socket of this.sockets) {
      socket.destroy();
    }
    await closed;
  }

  private allowList(): BlockList | undefined {
    const blocks = this.config.hl7Mllp.allow;
    if (blocks.length === 0) {
      return undefined;
    }
    const list = new BlockList();
    for (const block of blocks) {
      const [address = '', prefix] = block.split('/');
      const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) {
        list.addAddress(address, family);
      } else {
        list.addSubnet(address, Number(prefix), family);
      }
    }
    return list;
  }

  private accept(socket: Socket, allow: BlockList | undefined): void {
    const address = socket.remoteAddress ?? '';
    const family = socket.remoteFamily === 'IPv6' ? 'ipv6' : 'ipv4';
    if (allow !== undefined && !allow.check(address, family)) {
      this.logger.warn(
        { peer: address },
        'MLLP connection refused: address not allowed',
      );
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setTimeout(this.config.hl7Mllp.idleTimeoutSeconds * 1000, () =>
      socket.destroy(),
    );
    void this.serve(socket, address);
  }

  private async serve(socket: Socket, address: string): Promise<void> {
    let bound: LabInterface | undefined;
    if (this.config.hl7Mllp.tls) {
      bound = await this.certificateInterface(socket as TLSSocket);
      if (bound === undefined) {
        this.logger.warn(
          { peer: address },
          'MLLP TLS client certificate is bound to no interface',
        );
        socket.destroy();
        return;
      }
    }
    const framer = new MllpFramer();
    // One message at a time per connection, in the order sent.
    let queue = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      for (const event of framer.push(chunk)) {
        if (event.kind === 'overflow') {
          this.logger.warn(
            { peer: address },
            'MLLP frame over the size cap: connection closed',
          );
          socket.destroy();
          return;
        }
        queue = queue.then(() =>
          this.track(
            this.answer(
              socket,
              event,
              address,
              () => bound,
              (iface) => (bound ??= iface),
            ),
          ),
        );
      }
    });
  }

  private async answer(
    socket: Socket,
    event:
      | { kind: 'frame'; bytes: Buffer }
      | { kind: 'garbage'; length: number },
    address: string,
    bound: () => LabInterface | undefined,
    bind: (iface: LabInterface) => void,
  ): Promise<void> {
    if (socket.destroyed) {
      return;
    }
    if (event.kind === 'garbage') {
      socket.write(frame(this.intake.garbageAck()));
      return;
    }
    const iface = bound();
    const peer: Hl7Peer = {
      address,
      ...(iface !== undefined && { boundInterface: iface }),
    };
    const answer = await this.intake.receive(event.bytes, peer);
    if (answer.iface !== undefined) {
      // The first accepted sender binds the connection: later messages must come from it too.
      bind(answer.iface);
    }
    if (!socket.destroyed) {
      socket.write(frame(answer.ack));
    }
  }

  private track(work: Promise<void>): Promise<void> {
    const tracked = work.catch((error: unknown) =>
      this.logger.error({ err: safeError(error) }, 'MLLP answer failed'),
    );
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
    return tracked;
  }

  private async certificateInterface(
    socket: TLSSocket,
  ): Promise<LabInterface | undefined> {
    const subject = socket.getPeerCertificate()?.subject?.CN;
    if (typeof subject !== 'string' || subject === '') {
      return undefined;
    }
    try {
      const iface = await this.interfaces.byTlsSubject(
        this.dataSource.manager,
        subject,
      );
      return iface?.enabled ? iface : undefined;
    } catch (error) {
      this.logger.error(
        { err: safeError(error) },
        'MLLP could not look up the certificate interface',
      );
      return undefined;
    }
  }
}
