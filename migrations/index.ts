import { CreateInitialSchema1763900000000 } from './1763900000000-CreateInitialSchema';
import { CreateRateLimits1764000000000 } from './1764000000000-CreateRateLimits';
import { IndexAuditEventFilters1764100000000 } from './1764100000000-IndexAuditEventFilters';
import { IndexWorkupLists1764200000000 } from './1764200000000-IndexWorkupLists';
import { IndexReportFilters1764300000000 } from './1764300000000-IndexReportFilters';
import { PartitionAuditEventsByMonth1764400000000 } from './1764400000000-PartitionAuditEventsByMonth';
import { AddWorkupOpenToWorkupItems1764500000000 } from './1764500000000-AddWorkupOpenToWorkupItems';
import { IndexCompletionReportProbes1764600000000 } from './1764600000000-IndexCompletionReportProbes';

/** Every schema migration, oldest first. Migrations never import entities: they are frozen history. */
export const MIGRATIONS = [
  CreateInitialSchema1763900000000,
  CreateRateLimits1764000000000,
  IndexAuditEventFilters1764100000000,
  IndexWorkupLists1764200000000,
  IndexReportFilters1764300000000,
  PartitionAuditEventsByMonth1764400000000,
  AddWorkupOpenToWorkupItems1764500000000,
  IndexCompletionReportProbes1764600000000,
] as const;
