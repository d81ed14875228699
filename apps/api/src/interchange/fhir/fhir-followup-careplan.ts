import type {
  CarePlan,
  CarePlanActivity,
  Condition,
  Patient,
  Reference,
} from '@medplum/fhirtypes';
import {
  addDays,
  isClosed,
  type ItemStatus,
  type LineFollowup,
} from '@poems/domain';
import { type FollowupInstanceView, type FollowupView } from '@poems/contract';
import { SYSTEMS } from './fhir-codes';
import { stableUuid } from './fhir-ids';

/** CarePlan.activity.detail.status of a follow-up instance. */
const ACTIVITY_STATUS: Readonly<
  Record<ItemStatus, NonNullable<CarePlanActivity['detail']>['status']>
> = {
  planned: 'not-started',
  ordered: 'not-started',
  scheduled: 'scheduled',
  performed: 'in-progress',
  resulted: 'completed',
  reviewed: 'completed',
  cancelled: 'cancelled',
  not_indicated: 'cancelled',
};

const words = (code: string): string => code.replace(/_/g, ' ');

/** One instance as an activity: what, when (its window up to the due date) and where it stands. */
function activity(
  instance: FollowupInstanceView,
  lineNumber: number,
): CarePlanActivity {
  const when = `${instance.timePoint} of line ${lineNumber}: target ${instance.targetDate}, due ${instance.dueDate}`;
  const state =
    instance.dueState === 'overdue'
      ? ' (overdue)'
      : instance.dueState === 'due_soon'
        ? ' (due soon)'
        : '';
  return {
    detail: {
      kind: 'ServiceRequest',
      code: {
        coding: [
          {
            system: SYSTEMS.itemCode,
            code: instance.itemKey,
            display: words(instance.itemKey),
          },
        ],
        text: words(instance.itemKey),
      },
      status: ACTIVITY_STATUS[instance.status],
      ...(instance.reason !== null && {
        statusReason: { text: words(instance.reason) },
      }),
      scheduledPeriod: { start: instance.windowStart, end: instance.dueDate },
      description: `${when}${state}${instance.scheduledAt ? `; booked for ${instance.scheduledAt}` : ''}`,
    },
  };
}

/**
 * A line's follow-up schedule as a CarePlan: one activity per active instance with its status and
 * its window (opening to due date) as the scheduled period. A superseded line's plan is revoked
 * (its open instances were cancelled); a plan whose every instance is closed is completed.
 */
export function followupCarePlan(
  view: FollowupView,
  line: LineFollowup,
  patient: Reference<Patient>,
  condition: Reference<Condition>,
  note: { text: string }[],
): CarePlan & { readonly id: string } {
  const instances = view.instances.filter(
    (i) => i.lineId === line.line.id && i.active,
  );
  const { lineNumber, regimenClass, regimenText } = line.line;
  const status: CarePlan['status'] =
    line.supersededByLineId !== null
      ? 'revoked'
      : instances.length > 0 && instances.every((i) => isClosed(i.status))
        ? 'completed'
        : 'active';
  const start = line.anchor.date ?? line.line.startDate;
  // A line superseded before its anchor never had a follow-up: its period has no end to show.
  const end = line.followUpEnd === null ? null : addDays(line.followUpEnd, -1);
  return {
    resourceType: 'CarePlan',
    id: stableUuid(`${line.line.id}/followup-schedule`),
    status,
    intent: 'plan',
    title: `POEMS follow-up schedule, line ${lineNumber}`,
    description: `Line ${lineNumber}: ${words(regimenClass)}${regimenText ? ` (${regimenText})` : ''}; time points count from ${line.anchor.date ?? 'an anchor not known yet'} (${words(line.anchor.field)}).`,
    subject: patient,
    addresses: [condition],
    period: {
      start,
      ...(end !== null && end >= start && { end }),
    },
    ...(instances.length > 0 && {
      activity: instances.map((i) => activity(i, lineNumber)),
    }),
    note,
  };
}
