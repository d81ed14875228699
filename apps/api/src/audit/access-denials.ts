import {
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Role } from '@poems/domain';
import type { FastifyRequest } from 'fastify';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import type { AuthenticatedRequest } from '../auth/authenticated-user';
import { AuditWriter } from './audit-writer';

/** How often finished minutes are turned into audit events. */
export const ACCESS_DENIALS_FLUSH_INTERVAL_MS = 15_000;

/**
 * Refusals that are not denied access but a failed sign-in, audited apart (`auth.login_failed`,
 * with the lockout): counting them here too would record each twice.
 */
const SIGN_IN_ROUTES = new Set(['POST /api/auth/login']);

/** What the access guard leaves on a request about the permission the route needs. */
export type PermissionRequest = AuthenticatedRequest & {
  requiredPermission?: string;
};

/** One denied request. */
export interface Denial {
  readonly status: 401 | 403;
  /** `METHOD /api/path/{param}`: the route's pattern, never the address with its ids. */
  readonly route: string;
  readonly permission: string | null;
  readonly actor: { readonly id: string; readonly role: Role } | null;
  readonly clientIp: string;
  readonly requestId: string;
  readonly at: Date;
}

interface BucketRow {
  minute: Date;
  actor_id: string | null;
  actor_role: Role | null;
  client_ip: string;
  method: string;
  route: string;
  status: number;
  permission: string | null;
  count: number;
  first_at: Date;
  last_at: Date;
  first_request_id: string;
}

/** The route pattern of a request in the OpenAPI form (`/api/patients/{id}`), or undefined. */
export function routeOf(request: FastifyRequest): string | undefined {
  const pattern = request.routeOptions.url;
  if (pattern === undefined) {
    return undefined;
  }
  return `${request.method} ${pattern.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
}

/**
 * Denied access (401, 403) as audit events that an attacker cannot use to flood the log. Each
 * denial increments a bucket — one per minute, caller (or none), client address, route and status
 * — in `access_denials`; every {@link ACCESS_DENIALS_FLUSH_INTERVAL_MS} the finished minutes'
 * buckets are deleted and written as one `access.denied` event apiece, with the count, in the
 * same transaction (so each bucket is audited exactly once, by whichever replica gets it). The
 * events go through the {@link AuditWriter} like every other event, and the sealer chains them.
 * Routes are patterns, so a scan of ids is one bucket; the log grows at most by one event per
 * route, caller and address a minute.
 */
@Injectable()
export class AccessDenials implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  /** Counts not yet written; awaited at shutdown so the pool is not closed under them. */
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
    @InjectPinoLogger(AccessDenials.name) private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running = this.flush(new Date()).catch((error: unknown) => {
        this.logger.warn({ err: error }, 'Auditing denied requests failed');
      });
    }, ACCESS_DENIALS_FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  /** Stops the timer and audits every bucket, the current minute's too. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    await Promise.all(this.pending);
    await this.flush(new Date(), true).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'Auditing denied requests failed');
    });
  }

  /**
   * Called once the answer is sent (it never delays it): counts a 401 or 403 of an API route.
   * A failure is logged, never thrown.
   */
  observe(request: FastifyRequest, status: number): void {
    const route = routeOf(request);
    if (
      (status !== 401 && status !== 403) ||
      route === undefined ||
      SIGN_IN_ROUTES.has(route)
    ) {
      return;
    }
    const caller = request as PermissionRequest;
    const counted = this.record({
      status,
      route,
      permission: caller.requiredPermission ?? null,
      actor:
        caller.user === undefined
          ? null
          : { id: caller.user.id, role: caller.user.role },
      clientIp: request.ip,
      requestId: String(request.id),
      at: new Date(),
    })
      .catch((error: unknown) => {
        this.logger.warn({ err: error }, 'Counting a denied request failed');
      })
      .finally(() => this.pending.delete(counted));
    this.pending.add(counted);
  }

  /** Counts one denial in its bucket. */
  async record(denial: Denial): Promise<void> {
    const space = denial.route.indexOf(' ');
    await this.dataSource.query(
      `INSERT INTO access_denials AS d
         (minute, actor_id, actor_role, client_ip, method, route, status, permission,
          first_at, last_at, first_request_id)
       VALUES (date_trunc('minute', $1::timestamptz), $2, $3, $4, $5, $6, $7, $8, $1, $1, $9)
       ON CONFLICT (minute, actor_id, client_ip, method, route, status)
       DO UPDATE SET count = d.count + 1, last_at = greatest(d.last_at, excluded.last_at),
                     permission = coalesce(d.permission, excluded.permission)`,
      [
        denial.at,
        denial.actor?.id ?? null,
        denial.actor?.role ?? null,
        denial.clientIp,
        denial.route.slice(0, space),
        denial.route.slice(space + 1),
        denial.status,
        denial.permission,
        denial.requestId,
      ],
    );
  }

  /**
   * Writes the buckets of minutes that ended before `now` (all of them with `all`) as
   * `access.denied` events and removes them; returns how many events were written.
   */
  async flush(now: Date, all = false): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const buckets = (await manager.query(
        `WITH done AS (
           DELETE FROM access_denials
            WHERE $2 OR minute < date_trunc('minute', $1::timestamptz)
           RETURNING *)
         SELECT * FROM done ORDER BY minute, first_at`,
        [now, all],
      )) as BucketRow[];
      for (const bucket of buckets) {
        await this.audit.record(
          manager,
          {
            // The writer records the actor's id and role, all a bucket knows of its caller.
            actor:
              bucket.actor_id === null || bucket.actor_role === null
                ? null
                : {
                    id: bucket.actor_id,
                    role: bucket.actor_role,
                    username: '',
                    displayName: '',
                  },
            requestId: bucket.first_request_id,
            clientIp: bucket.client_ip,
          },
          {
            action: 'access.denied',
            outcome: 'failure',
            details: {
              status: bucket.status,
              method: bucket.method,
              route: bucket.route,
              permission: bucket.permission,
              count: bucket.count,
              minute: new Date(bucket.minute).toISOString(),
              firstAt: new Date(bucket.first_at).toISOString(),
              lastAt: new Date(bucket.last_at).toISOString(),
            },
          },
        );
      }
      return buckets.length;
    });
  }
}
