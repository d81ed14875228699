import { CreateInitialSchema1763900000000 } from './1763900000000-CreateInitialSchema';
import { CreateRateLimits1764000000000 } from './1764000000000-CreateRateLimits';

/** Every schema migration, oldest first. Migrations never import entities: they are frozen history. */
export const MIGRATIONS = [
  CreateInitialSchema1763900000000,
  CreateRateLimits1764000000000,
] as const;
