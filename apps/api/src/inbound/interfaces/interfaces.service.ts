import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError, isLoinc } from '@poems/domain';
import {
  type ApiKeyView,
  type CreatedApiKey,
  type LabInterfaceView,
} from '@poems/contract';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditWriter } from '../../audit/audit-writer';
import { Clock } from '../../common/clock/clock';
import { isUniqueViolation } from '../../common/database/postgres-errors';
import type { RequestContext } from '../../common/request-context/request-context';
import {
  interfaceUsername,
  labInterfaceColumns,
  type LabInterface,
} from '../lab-interface';
import { keyHash } from '../lab-interfaces.repository';
import type {
  CreateApiKeyDto,
  CreateInterfaceDto,
  UpdateInterfaceDto,
} from './interfaces.dto';

/** Prefix of every interface API key: tells it apart from a JWT in an Authorization header. */
export const API_KEY_PREFIX = 'poems_ik_';

/** Whether a bearer token is shaped like an interface API key. */
export const isApiKey = (token: string): boolean =>
  token.startsWith(API_KEY_PREFIX);

interface RawKey {
  readonly id: string;
  readonly prefix: string;
  readonly createdAt: Date;
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
}

const KEY_COLUMNS = `id, prefix, created_at AS "createdAt", expires_at AS "expiresAt",
  revoked_at AS "revokedAt", last_used_at AS "lastUsedAt"`;

/**
 * Laboratory interfaces and their service identities, managed by admins: each is a non-login
 * account `interface:<name>` with the role `interface`, plus API keys (32 random bytes, shown once,
 * stored as SHA-256, rotated with an overlap, revocable). Every change is audited.
 */
@Injectable()
export class InterfacesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<LabInterfaceView[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${labInterfaceColumns()} FROM lab_interfaces ORDER BY lower(name)`,
    )) as LabInterface[];
    return Promise.all(
      rows.map((row) => this.view(this.dataSource.manager, row)),
    );
  }

  async get(id: string): Promise<LabInterfaceView> {
    const m = this.dataSource.manager;
    return this.view(m, await this.find(m, id));
  }

  /** Creates an interface with its service identity, in the caller's transaction or a new one. */
  async create(
    context: RequestContext,
    body: CreateInterfaceDto,
    manager?: EntityManager,
  ): Promise<LabInterfaceView> {
    checkMapping(body.mapping);
    const work = async (m: EntityManager): Promise<LabInterfaceView> => {
      await m.query('SAVEPOINT interface_create');
      try {
        // '!' is no argon2 hash: the account can never sign in.
        const [user] = (await m.query(
          `INSERT INTO users (username, display_name, role, password_hash)
           VALUES ($1, $2, 'interface', '!') RETURNING id`,
          [interfaceUsername(body.name), `Laboratory interface ${body.name}`],
        )) as { id: string }[];
        const [row] = (await m.query(
          `INSERT INTO lab_interfaces
             (name, sending_application, sending_facility, user_id, time_zone, tls_subject, mapping)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${labInterfaceColumns()}`,
          [
            body.name,
            body.sendingApplication,
            body.sendingFacility,
            (user as { id: string }).id,
            body.timeZone ?? null,
            body.tlsSubject ?? null,
            JSON.stringify(body.mapping ?? {}),
          ],
        )) as LabInterface[];
        const created = row as LabInterface;
        await this.audit.record(m, context, {
          action: 'interface.create',
          entityType: 'lab_interface',
          entityId: created.id,
          details: {
            name: created.name,
            sendingApplication: created.sendingApplication,
            sendingFacility: created.sendingFacility,
          },
        });
        return this.view(m, created);
      } catch (error) {
        if (isUniqueViolation(error)) {
          await m.query('ROLLBACK TO SAVEPOINT interface_create');
          throw new DomainError(
            'conflict',
            'An interface with this name, sender or certificate exists already.',
          );
        }
        throw error;
      }
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  async update(
    context: RequestContext,
    id: string,
    body: UpdateInterfaceDto,
  ): Promise<LabInterfaceView> {
    checkMapping(body.mapping);
    return this.dataSource.transaction(async (m) => {
      const current = await this.find(m, id, true);
      if (current.version !== body.version) {
        throw new DomainError(
          'stale_version',
          'The interface was changed by someone else; reload and retry.',
          { current: await this.view(m, current) },
        );
      }
      try {
        const [row] = (await m.query(
          `WITH changed AS (
             UPDATE lab_interfaces SET
               enabled = COALESCE($2, enabled),
               time_zone = CASE WHEN $3::boolean THEN $4 ELSE time_zone END,
               tls_subject = CASE WHEN $5::boolean THEN $6 ELSE tls_subject END,
               mapping = COALESCE($7::jsonb, mapping),
               updated_at = now(), version = version + 1
             WHERE id = $1 RETURNING *)
           SELECT ${labInterfaceColumns('changed')} FROM changed`,
          [
            id,
            body.enabled ?? null,
            body.timeZone !== undefined,
            body.timeZone ?? null,
            body.tlsSubject !== undefined,
            body.tlsSubject ?? null,
            body.mapping === undefined ? null : JSON.stringify(body.mapping),
          ],
        )) as LabInterface[];
        await this.audit.record(m, context, {
          action: 'interface.update',
          entityType: 'lab_interface',
          entityId: id,
          details: {
            ...(body.enabled !== undefined && { enabled: body.enabled }),
            ...(body.timeZone !== undefined && { timeZone: body.timeZone }),
            ...(body.tlsSubject !== undefined && {
              tlsSubject: body.tlsSubject,
            }),
            ...(body.mapping !== undefined && { mappingChanged: true }),
          },
        });
        return this.view(m, row as LabInterface);
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new DomainError(
            'conflict',
            'Another interface holds this certificate subject.',
          );
        }
        throw error;
      }
    });
  }

  /**
   * A new API key, shown once. The interface's current keys keep working for `overlapHours`
   * (default 24) so the sender can switch without a gap, then expire.
   */
  async createKey(
    context: RequestContext,
    id: string,
    body: CreateApiKeyDto,
    manager?: EntityManager,
  ): Promise<CreatedApiKey> {
    const work = async (m: EntityManager): Promise<CreatedApiKey> => {
      await this.find(m, id, true);
      const now = this.clock.now();
      const overlapHours = body.overlapHours ?? 24;
      const until = new Date(now.getTime() + overlapHours * 3_600_000);
      await m.query(
        `UPDATE interface_api_keys SET expires_at = LEAST(COALESCE(expires_at, $2), $2)
          WHERE interface_id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $3)`,
        [id, until, now],
      );
      const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
      const [row] = (await m.query(
        `INSERT INTO interface_api_keys (interface_id, key_sha256, prefix) VALUES ($1, $2, $3)
         RETURNING ${KEY_COLUMNS}`,
        [id, keyHash(key), key.slice(0, API_KEY_PREFIX.length + 6)],
      )) as RawKey[];
      const created = row as RawKey;
      await this.audit.record(m, context, {
        action: 'interface.key_create',
        entityType: 'lab_interface',
        entityId: id,
        details: { keyId: created.id, overlapHours },
      });
      return { ...keyView(created), key };
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  async revokeKey(
    context: RequestContext,
    id: string,
    keyId: string,
  ): Promise<LabInterfaceView> {
    return this.dataSource.transaction(async (m) => {
      const iface = await this.find(m, id, true);
      const rows = (await m.query(
        `WITH revoked AS (
           UPDATE interface_api_keys SET revoked_at = COALESCE(revoked_at, now())
            WHERE id = $1 AND interface_id = $2 RETURNING id)
         SELECT id FROM revoked`,
        [keyId, id],
      )) as unknown[];
      if (rows.length === 0) {
        throw new DomainError('not_found', 'The interface has no such key.');
      }
      await this.audit.record(m, context, {
        action: 'interface.key_revoke',
        entityType: 'lab_interface',
        entityId: id,
        details: { keyId },
      });
      return this.view(m, iface);
    });
  }

  private async find(
    m: EntityManager,
    id: string,
    lock = false,
  ): Promise<LabInterface> {
    const [row] = (await m.query(
      `SELECT ${labInterfaceColumns()} FROM lab_interfaces WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    )) as LabInterface[];
    if (row === undefined) {
      throw new DomainError('not_found', 'No interface has this id.');
    }
    return row;
  }

  private async view(
    m: EntityManager,
    row: LabInterface,
  ): Promise<LabInterfaceView> {
    const keys = (await m.query(
      `SELECT ${KEY_COLUMNS} FROM interface_api_keys WHERE interface_id = $1 ORDER BY created_at DESC`,
      [row.id],
    )) as RawKey[];
    return {
      id: row.id,
      name: row.name,
      sendingApplication: row.sendingApplication,
      sendingFacility: row.sendingFacility,
      username: interfaceUsername(row.name),
      enabled: row.enabled,
      timeZone: row.timeZone,
      tlsSubject: row.tlsSubject,
      mapping: row.mapping,
      keys: keys.map(keyView),
      version: row.version,
    };
  }
}

function keyView(row: RawKey): ApiKeyView {
  return {
    id: row.id,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

/** Local codes must map to LOINC codes: a typo would silently send results nowhere. */
function checkMapping(mapping: CreateInterfaceDto['mapping']): void {
  const errors = Object.entries(mapping?.localCodes ?? {})
    .filter(([, loinc]) => typeof loinc !== 'string' || !isLoinc(loinc))
    .map(([code]) => ({
      field: `mapping.localCodes.${code}`,
      message: 'must be a LOINC code such as 777-3',
    }));
  if (errors.length > 0) {
    throw DomainError.invalid(errors);
  }
}
