import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { labInterfaceColumns, type LabInterface } from './lab-interface';

/** SHA-256 of an API key: what is stored and looked up (the key itself never is). */
export const keyHash = (key: string): Buffer =>
  createHash('sha256').update(key, 'utf8').digest();

/** Reads laboratory interfaces (plain SQL in the caller's manager). */
@Injectable()
export class LabInterfacesRepository {
  async bySender(
    manager: EntityManager,
    application: string,
    facility: string,
  ): Promise<LabInterface | null> {
    const [row] = (await manager.query(
      `SELECT ${labInterfaceColumns()} FROM lab_interfaces WHERE sending_application = $1 AND sending_facility = $2`,
      [application, facility],
    )) as LabInterface[];
    return row ?? null;
  }

  async byTlsSubject(
    manager: EntityManager,
    subject: string,
  ): Promise<LabInterface | null> {
    const [row] = (await manager.query(
      `SELECT ${labInterfaceColumns()} FROM lab_interfaces WHERE tls_subject = $1`,
      [subject],
    )) as LabInterface[];
    return row ?? null;
  }

  async byId(manager: EntityManager, id: string): Promise<LabInterface | null> {
    const [row] = (await manager.query(
      `SELECT ${labInterfaceColumns()} FROM lab_interfaces WHERE id = $1`,
      [id],
    )) as LabInterface[];
    return row ?? null;
  }

  /** The enabled interface an API key belongs to, if the key is current (not revoked, not expired). */
  async byApiKey(
    manager: EntityManager,
    key: string,
    now: Date,
  ): Promise<LabInterface | null> {
    // A SELECT around the UPDATE: TypeORM answers a bare UPDATE … RETURNING as [rows, count].
    const [row] = (await manager.query(
      `WITH used AS (
         UPDATE interface_api_keys k SET last_used_at = $2
          WHERE k.key_sha256 = $1 AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > $2)
         RETURNING k.interface_id)
       SELECT ${labInterfaceColumns('i')} FROM lab_interfaces i JOIN used ON used.interface_id = i.id
        WHERE i.enabled`,
      [keyHash(key), now],
    )) as LabInterface[];
    return row ?? null;
  }

  async list(manager: EntityManager): Promise<LabInterface[]> {
    return (await manager.query(
      `SELECT ${labInterfaceColumns()} FROM lab_interfaces ORDER BY lower(name)`,
    )) as LabInterface[];
  }
}
