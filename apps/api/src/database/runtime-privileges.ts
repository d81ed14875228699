import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';

/**
 * Says at start-up when the API connects with more power than it needs: as a superuser, or as a
 * role owning tables. Such a role could switch off the audit log's triggers and rewrite it; the
 * seal and checkpoints would still reveal that, but the privileges no longer prevent it.
 */
@Injectable()
export class RuntimePrivileges implements OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    @InjectPinoLogger(RuntimePrivileges.name)
    private readonly logger: PinoLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      for (const warning of await this.warnings()) {
        this.logger.warn(warning);
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not check the database role');
    }
  }

  /** What is wrong with the connection's role, in words; empty when it is least-privileged. */
  async warnings(): Promise<string[]> {
    const [role] = (await this.dataSource.query(
      `SELECT current_user AS name, r.rolsuper AS superuser,
              (SELECT count(*)::int FROM pg_class c
                WHERE c.relnamespace = 'public'::regnamespace
                  AND pg_has_role(current_user, c.relowner, 'USAGE')) AS owned
         FROM pg_roles r WHERE r.rolname = current_user`,
    )) as Array<{ name: string; superuser: boolean; owned: number }>;
    const advice =
      'set DATABASE_URL to a member of poems_runtime and DATABASE_MIGRATION_URL to the owner (README "Roles in PostgreSQL")';
    const warnings: string[] = [];
    if (role?.superuser === true) {
      warnings.push(
        `The API connects as the superuser ${role.name}, which could disable the audit log's triggers: ${advice}.`,
      );
    } else if ((role?.owned ?? 0) > 0) {
      warnings.push(
        `The API connects as ${role?.name}, which owns ${role?.owned} tables and could disable the audit log's triggers: ${advice}.`,
      );
    }
    return warnings;
  }
}
