import type { EntityManager } from 'typeorm';

/**
 * One part of the demo data. Seeders run in list order inside one transaction at start-up when
 * `demoSeed` is on (the embedded demo database, or DEMO_SEED=true), and must be idempotent:
 * they run on every start and add only what is missing.
 */
export interface DemoSeeder {
  readonly name: string;
  seed(manager: EntityManager): Promise<void>;
}
