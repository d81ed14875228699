import { CreateInitialSchema1763900000000 } from './1763900000000-CreateInitialSchema';
import { CreateRateLimits1764000000000 } from './1764000000000-CreateRateLimits';
import { IndexAuditEventFilters1764100000000 } from './1764100000000-IndexAuditEventFilters';
import { IndexWorkupLists1764200000000 } from './1764200000000-IndexWorkupLists';
import { IndexReportFilters1764300000000 } from './1764300000000-IndexReportFilters';
import { PartitionAuditEventsByMonth1764400000000 } from './1764400000000-PartitionAuditEventsByMonth';
import { AddWorkupOpenToWorkupItems1764500000000 } from './1764500000000-AddWorkupOpenToWorkupItems';
import { IndexCompletionReportProbes1764600000000 } from './1764600000000-IndexCompletionReportProbes';
import { CreateLabInterfacesAndInbox1796612058328 } from './1796612058328-CreateLabInterfacesAndInbox';
import { CreateFollowup1796641779970 } from './1796641779970-CreateFollowup';
import { UniqueMrnRegardlessOfCase1796700000000 } from './1796700000000-UniqueMrnRegardlessOfCase';
import { RestampItemsBeforeTheirWorkup1796710000000 } from './1796710000000-RestampItemsBeforeTheirWorkup';
import { CreateCalendarFeeds1796720000000 } from './1796720000000-CreateCalendarFeeds';
import { CreateAccessDenials1796760000000 } from './1796760000000-CreateAccessDenials';
import { GrantRuntimeRole1796770000000 } from './1796770000000-GrantRuntimeRole';
import { AllowIndeterminateOverall1796730000000 } from './1796730000000-AllowIndeterminateOverall';
import { CreateSessions1796740000000 } from './1796740000000-CreateSessions';
import { TrigramPatientSearch1796750000000 } from './1796750000000-TrigramPatientSearch';
import { AddVerdictHistory1796795000000 } from './1796795000000-AddVerdictHistory';
import { AddSingleSignOn1796800000000 } from './1796800000000-AddSingleSignOn';
import { AddMultiFactorSignIn1796820000000 } from './1796820000000-AddMultiFactorSignIn';
import { CreateWorkupSignOffs1796830000000 } from './1796830000000-CreateWorkupSignOffs';
import { KeepSessionIdTokens1796850000000 } from './1796850000000-KeepSessionIdTokens';
import { RememberLogoutTokens1796850000001 } from './1796850000001-RememberLogoutTokens';
import { DenormaliseLatestSignOff1796920000000 } from './1796920000000-DenormaliseLatestSignOff';
import { RememberWhoClosedItems1796930000000 } from './1796930000000-RememberWhoClosedItems';
import { KeepFollowupReportFacts1796950000000 } from './1796950000000-KeepFollowupReportFacts';

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
  CreateLabInterfacesAndInbox1796612058328,
  CreateFollowup1796641779970,
  UniqueMrnRegardlessOfCase1796700000000,
  RestampItemsBeforeTheirWorkup1796710000000,
  CreateCalendarFeeds1796720000000,
  AllowIndeterminateOverall1796730000000,
  CreateSessions1796740000000,
  TrigramPatientSearch1796750000000,
  CreateAccessDenials1796760000000,
  GrantRuntimeRole1796770000000,
  AddVerdictHistory1796795000000,
  AddSingleSignOn1796800000000,
  AddMultiFactorSignIn1796820000000,
  CreateWorkupSignOffs1796830000000,
  KeepSessionIdTokens1796850000000,
  RememberLogoutTokens1796850000001,
  DenormaliseLatestSignOff1796920000000,
  RememberWhoClosedItems1796930000000,
  KeepFollowupReportFacts1796950000000,
] as const;
