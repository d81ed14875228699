import type { Params } from '@angular/router';
import { localDateTimeToIso } from '../../core/forms/dates';

/** Events per page of the audit log. */
export const AUDIT_PAGE_SIZE = 50;

/** Columns the table sorts by, as the API names them (audit-events.dto.ts). */
export const AUDIT_SORT_COLUMNS = [
  'occurredAt',
  'id',
  'actor',
  'action',
  'outcome',
  'patientId',
  'entityType',
] as const;

export type AuditSortColumn = (typeof AUDIT_SORT_COLUMNS)[number];

/** A sort column, descending when prefixed with `-`. */
export type AuditSort = AuditSortColumn | `-${AuditSortColumn}`;

/** Newest first, as the API sorts by default. */
export const DEFAULT_AUDIT_SORT: AuditSort = '-occurredAt';

export const AUDIT_OUTCOMES = ['success', 'failure'] as const;

export type AuditOutcomeFilter = (typeof AUDIT_OUTCOMES)[number];

/**
 * The actions the API records, offered as suggestions; the filter takes any code, since new
 * actions need no release of the web app.
 */
export const KNOWN_AUDIT_ACTIONS: readonly string[] = [
  'access.denied',
  'audit.export',
  'audit.list',
  'audit.retention',
  'audit.verify',
  'auth.lock',
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.mfa_challenge',
  'auth.mfa_enrol',
  'auth.mfa_enrol_failed',
  'auth.mfa_failed',
  'auth.mfa_lock',
  'auth.mfa_recovery_code_used',
  'auth.mfa_recovery_codes_regenerated',
  'auth.session_end',
  'fhir.export',
  'item.activate',
  'item.cancel',
  'item.history.read',
  'item.not-indicated',
  'item.order',
  'item.perform',
  'item.reopen',
  'item.result',
  'item.review',
  'item.schedule',
  'patient.read',
  'patient.register',
  'patient.search',
  'report.completion',
  'user.create',
  'user.mfa_reset',
  'user.update',
  'worklist.calendar',
  'worklist.calendar_revoke',
  'worklist.calendar_subscribe',
  'worklist.read',
  'workup.close',
  'workup.evaluation',
  'workup.evaluations.read',
  'workup.open',
  'workup.read',
  'workup.reopen',
  'workup.sign-off',
];

/** The entity types events name, offered as suggestions. */
export const KNOWN_ENTITY_TYPES: readonly string[] = [
  'patient',
  'report',
  'user',
  'workup',
  'workup_item',
];

/** The filters of the audit log; the time range as `datetime-local` values on the clinic's clock. */
export interface AuditFilters {
  /** Events at or after this local date and time (`2026-03-10T09:30`). */
  readonly from?: string;
  /** Events before this local date and time. */
  readonly to?: string;
  /** A username or user id. */
  readonly actor?: string;
  readonly patientId?: string;
  /** An MRN, an MRN fragment or a name, matched as the patient list matches them. */
  readonly patient?: string;
  /** An action code or a family of them (`result` finds `item.result`). */
  readonly action?: string;
  readonly entityType?: string;
  readonly outcome?: AuditOutcomeFilter;
}

/** What the page asks the API for. */
export interface AuditQuery extends AuditFilters {
  readonly sort: AuditSort;
  readonly page: number;
  readonly pageSize: number;
}

/** The audit log's query parameters as the URL carries them. */
export type AuditUrlParams = {
  readonly [K in keyof AuditFilters | 'sort' | 'page']?: string;
};

// The API's own patterns (audit-events.dto.ts): a value it would refuse never leaves the page.
export const ACTOR_PATTERN = /^[A-Za-z0-9._-]{3,64}$/;
export const CODE_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;
/** What the API takes as a patient's MRN or name: a letter or digit, at most 200 characters. */
export const PATIENT_TEXT_PATTERN = /^(?=.*[\p{L}\p{N}])[^\0]{1,200}$/u;
export const UUID_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SORTS: readonly string[] = AUDIT_SORT_COLUMNS.flatMap((c) => [
  c,
  `-${c}`,
]);
const isSort = (value: string | undefined): value is AuditSort =>
  value !== undefined && SORTS.includes(value);
const isOutcome = (value: string | undefined): value is AuditOutcomeFilter =>
  (AUDIT_OUTCOMES as readonly (string | undefined)[]).includes(value);

function matching(
  value: string | undefined,
  pattern: RegExp,
): string | undefined {
  const trimmed = value?.trim();
  return trimmed !== undefined && pattern.test(trimmed) ? trimmed : undefined;
}

function localDateTime(value: string | undefined): string | undefined {
  return value !== undefined && localDateTimeToIso(value) !== null
    ? value
    : undefined;
}

/** Only the filters that are set: `undefined` properties would still be keys. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}

/**
 * The query a URL stands for: values the API would refuse are dropped, and a reversed time range
 * is turned round.
 */
export function auditQueryOf(params: AuditUrlParams): AuditQuery {
  let from = localDateTime(params.from);
  let to = localDateTime(params.to);
  if (from !== undefined && to !== undefined && from > to) {
    [from, to] = [to, from];
  }
  return {
    ...defined({
      from,
      to,
      actor: matching(params.actor, ACTOR_PATTERN),
      patientId: matching(params.patientId, UUID_PATTERN),
      patient: matching(params.patient, PATIENT_TEXT_PATTERN),
      action: matching(params.action, CODE_PATTERN),
      entityType: matching(params.entityType, CODE_PATTERN),
      outcome: isOutcome(params.outcome) ? params.outcome : undefined,
    }),
    sort: isSort(params.sort) ? params.sort : DEFAULT_AUDIT_SORT,
    page: Math.max(1, Number.parseInt(params.page ?? '1', 10) || 1),
    pageSize: AUDIT_PAGE_SIZE,
  };
}

/** The URL's query parameters for chosen filters: unset ones removed, back to the first page. */
export function auditUrlParams(filters: AuditFilters): Params {
  return {
    from: filters.from ?? null,
    to: filters.to ?? null,
    actor: filters.actor ?? null,
    patientId: filters.patientId ?? null,
    patient: filters.patient ?? null,
    action: filters.action ?? null,
    entityType: filters.entityType ?? null,
    outcome: filters.outcome ?? null,
    page: null,
  };
}

/**
 * The filters as the API takes them: the time range as instants with the browser's offset
 * (the API wants an offset; the user thinks in local time).
 */
export function auditApiFilters(
  filters: AuditFilters,
): Readonly<Record<string, string>> {
  const { from, to, ...rest } = filters;
  const instant = (value: string | undefined): string | undefined =>
    value === undefined ? undefined : (localDateTimeToIso(value) ?? undefined);
  return defined({ from: instant(from), to: instant(to), ...rest }) as Record<
    string,
    string
  >;
}

/** Whether two queries ask for the same thing. */
export function sameAuditQuery(a: AuditQuery, b: AuditQuery): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every(
    (key) => a[key as keyof AuditQuery] === b[key as keyof AuditQuery],
  );
}

/** The filters part of a query. */
export function filtersOf(query: AuditQuery): AuditFilters {
  const { sort: _sort, page: _page, pageSize: _size, ...filters } = query;
  return filters;
}
