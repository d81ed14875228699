import {
  addDays,
  DEFAULT_PROTOCOL_KEY,
  getProtocol,
  type ItemAction,
  type ProtocolDefinition,
  type ResultInput,
  type Role,
  type Sex,
} from '@poems/domain';
import { Prng } from './prng';
import {
  FAMILY_NAMES,
  GIVEN_NAMES_FEMALE,
  GIVEN_NAMES_MALE,
} from './synthetic-names';
import {
  correctedResultFor,
  PROFILE_WEIGHTS,
  resultFor,
  type ClinicalProfile,
} from './synthetic-results';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The protocol every synthetic workup follows: the one the API opens new workups on (the newest). */
export const SYNTHETIC_PROTOCOL: ProtocolDefinition =
  getProtocol(DEFAULT_PROTOCOL_KEY);

/** How far back the synthetic clinic's history reaches. */
export const HISTORY_DAYS = 730;

/** A member of the synthetic clinic's staff. */
export interface StaffMember {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
}

/** Everyone who works in the synthetic clinic. */
export interface Staff {
  readonly hematologists: readonly StaffMember[];
  readonly coordinators: readonly StaffMember[];
  readonly others: readonly StaffMember[];
  /** When their accounts were created (before any patient). */
  readonly createdAt: number;
}

/** One thing that happens to a workup, in the order it happens. Times are epoch milliseconds. */
export type PlanStep =
  | {
      readonly kind: 'item';
      readonly at: number;
      readonly by: StaffMember;
      readonly key: string;
      readonly action: ItemAction;
      /** The action's body without `version`, exactly as a client would post it. */
      readonly body: Readonly<Record<string, unknown>>;
    }
  | { readonly kind: 'read'; readonly at: number; readonly by: StaffMember }
  | {
      readonly kind: 'close';
      readonly at: number;
      readonly by: StaffMember;
      readonly reason: string;
    };

/** A workup from its opening to where it stands at the end of the history. */
export interface WorkupPlan {
  readonly id: string;
  /** The id of each item, by catalog key. */
  readonly itemIds: Readonly<Record<string, string>>;
  readonly openedAt: number;
  readonly openedBy: StaffMember;
  readonly steps: readonly PlanStep[];
}

/** A synthetic patient: who they are, what they have, and every workup they went through. */
export interface PatientPlan {
  readonly index: number;
  readonly id: string;
  readonly mrn: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly birthDate: string;
  readonly sex: Sex;
  readonly profile: ClinicalProfile;
  readonly registeredAt: number;
  readonly registeredBy: StaffMember;
  readonly workups: readonly WorkupPlan[];
}

/** The parameters that, with the patient's index, decide everything about a synthetic patient. */
export interface PlanOptions {
  readonly seed: number;
  /** The day the history ends (exclusive), `YYYY-MM-DD` in UTC: nothing happens on or after it. */
  readonly until: string;
  readonly staff: Staff;
}

/** The staff of a clinic of `patients` patients: enough hands that no one carries thousands alone. */
export function planStaff(
  seed: number,
  patients: number,
  until: string,
): Staff {
  const rng = new Prng(seed, -1);
  const hematologists = Math.min(40, Math.max(2, Math.ceil(patients / 2_500)));
  const member = (role: Role, n: number, name: string): StaffMember => ({
    id: rng.uuid(),
    username: `syn-${role}-${String(n).padStart(2, '0')}`,
    displayName: name,
    role,
  });
  const names = (n: number): string =>
    `${rng.pick([...GIVEN_NAMES_FEMALE, ...GIVEN_NAMES_MALE])} ${rng.pick(FAMILY_NAMES)} (${n})`;
  return {
    hematologists: Array.from({ length: hematologists }, (_, i) =>
      member('hematologist', i + 1, `Dr. ${names(i + 1)}`),
    ),
    coordinators: Array.from({ length: hematologists * 2 }, (_, i) =>
      member('coordinator', i + 1, names(i + 1)),
    ),
    others: [member('auditor', 1, names(1)), member('admin', 1, names(1))],
    createdAt: Date.parse(`${until}T00:00:00Z`) - (HISTORY_DAYS + 30) * DAY,
  };
}

/**
 * The plan of one patient, from their own random stream: the same seed, index and end date give
 * the same patient whatever else is generated.
 */
export function planPatient(options: PlanOptions, index: number): PatientPlan {
  const rng = new Prng(options.seed, index);
  const end = Date.parse(`${options.until}T00:00:00Z`);
  const start = end - HISTORY_DAYS * DAY;
  const { staff } = options;

  const profile = rng.weighted(PROFILE_WEIGHTS);
  const sex: Sex = rng.chance(0.006)
    ? rng.pick(['other', 'unknown'] as const)
    : rng.chance(
          profile === 'poems_lambda' || profile === 'poems_kappa' ? 0.63 : 0.55,
        )
      ? 'male'
      : 'female';
  const givenName = rng.pick(
    sex === 'male'
      ? GIVEN_NAMES_MALE
      : sex === 'female'
        ? GIVEN_NAMES_FEMALE
        : [...GIVEN_NAMES_FEMALE, ...GIVEN_NAMES_MALE],
  );
  const familyName = rng.chance(0.08)
    ? `${rng.pick(FAMILY_NAMES)}-${rng.pick(FAMILY_NAMES)}`
    : rng.pick(FAMILY_NAMES);
  // Referral dates thin out towards the past: the clinic grew over the two years.
  const registeredAt = clinicTime(
    rng,
    start + Math.floor(Math.sqrt(rng.next()) * (HISTORY_DAYS - 1)) * DAY,
  );
  const age = rng.int(32, 84);
  const birthDate = addDays(
    `${new Date(registeredAt).getUTCFullYear() - age}-01-01`,
    rng.int(0, 364),
  );
  const plan = {
    index,
    id: rng.uuid(),
    mrn: `P${String(index + 1).padStart(7, '0')}`,
    givenName,
    familyName,
    birthDate,
    sex,
    profile,
    registeredAt,
    registeredBy: rng.pick(staff.coordinators),
  };

  const workups: WorkupPlan[] = [];
  // A few patients are registered and then referred elsewhere before any workup.
  if (!rng.chance(0.06)) {
    let openedAt = clinicTime(
      rng,
      dayOf(registeredAt) + rng.int(0, 10) * DAY,
      registeredAt + 10 * MINUTE,
    );
    while (openedAt < end && workups.length < 2) {
      const workup = planWorkup(rng, staff, plan, openedAt, end);
      workups.push(workup);
      const last = workup.steps[workup.steps.length - 1];
      // An abandoned workup is sometimes followed by a second referral.
      if (
        last?.kind !== 'close' ||
        !last.reason.startsWith('Patient') ||
        !rng.chance(0.5)
      ) {
        break;
      }
      openedAt = clinicTime(rng, dayOf(last.at) + rng.int(30, 200) * DAY);
    }
  }
  return { ...plan, workups };
}

type ItemFlow = 'visit_exam' | 'lab' | 'procedure';

const FLOWS: Readonly<Record<string, ItemFlow>> = {
  emg_ncs: 'procedure',
  neuro_exam: 'visit_exam',
  spep: 'lab',
  serum_ife: 'lab',
  urine_ife: 'lab',
  serum_flc: 'lab',
  bone_marrow_biopsy: 'procedure',
  vegf: 'lab',
  cbc: 'lab',
  bone_imaging: 'procedure',
  body_imaging: 'procedure',
  endocrine_panel: 'lab',
  physical_exam: 'visit_exam',
  fundoscopy: 'procedure',
  lymph_node_biopsy: 'procedure',
  echocardiogram: 'procedure',
  pft: 'procedure',
};

/** Items a hematologist often judges unnecessary, and how often. */
const NOT_INDICATED: Readonly<Record<string, number>> = {
  pft: 0.25,
  echocardiogram: 0.12,
  bone_marrow_biopsy: 0.08,
  urine_ife: 0.06,
  fundoscopy: 0.05,
  serum_flc: 0.04,
};

const NOT_INDICATED_REASONS = [
  'No respiratory or cardiac symptoms',
  'Clone already established; not needed for the decision',
  'Not indicated at this stage',
  'Done recently elsewhere; report on file',
];
const CANCEL_REASONS = [
  'Patient declined',
  'Duplicate order',
  'Insurance authorisation refused',
  'Specimen lost in transit',
];
const REOPEN_REASONS = ['Patient now agrees', 'Re-ordered after review'];
const LOCATIONS = [
  'Neurophysiology lab, building B',
  'Radiology, level 2',
  'Nuclear medicine',
  'Day hospital, bay 4',
  'Ophthalmology clinic',
  'Cardiology, echo lab',
  'Pulmonary function lab',
];
const ABANDON_REASONS = [
  'Patient transferred to another centre',
  'Patient moved away',
  'Patient declined further tests',
];
const LYMPHADENOPATHY_SOURCES = new Set([
  'body_imaging',
  'bone_imaging',
  'physical_exam',
]);

interface Sequenced {
  readonly step: PlanStep;
  readonly seq: number;
}

/** Builds one workup: each item's own track of steps, merged in time and cut at the end of the history. */
function planWorkup(
  rng: Prng,
  staff: Staff,
  patient: { readonly profile: ClinicalProfile; readonly sex: Sex },
  openedAt: number,
  end: number,
): WorkupPlan {
  const id = rng.uuid();
  const itemIds = Object.fromEntries(
    SYNTHETIC_PROTOCOL.items.map((item) => [item.key, rng.uuid()]),
  );
  const attending = rng.pick(staff.hematologists);
  const coordinator = rng.pick(staff.coordinators);
  const track = new Tracks(rng, staff, attending, coordinator, patient);
  // How briskly this workup moves: waiting lists and patient availability vary a lot.
  const pace = rng.real(0.6, 2.2, 2);

  for (const catalog of SYNTHETIC_PROTOCOL.items) {
    if (catalog.required) {
      track.item(
        catalog.key,
        FLOWS[catalog.key] ?? 'procedure',
        openedAt,
        pace,
      );
    }
  }
  // The lymph node biopsy joins the checklist when a result records lymphadenopathy.
  const trigger = track
    .sorted()
    .find(
      ({ step }) =>
        step.kind === 'item' &&
        step.at < end &&
        step.action === 'result' &&
        LYMPHADENOPATHY_SOURCES.has(step.key) &&
        ((step.body as ResultInput).signs ?? []).includes('lymphadenopathy'),
    );
  if (trigger !== undefined) {
    track.item('lymph_node_biopsy', 'procedure', trigger.step.at + HOUR, pace);
  }

  let steps = track.sorted().filter(({ step }) => step.at < end);
  const abandonAt = rng.chance(0.04)
    ? clinicTime(rng, dayOf(openedAt) + rng.int(20, 160) * DAY)
    : undefined;
  if (abandonAt !== undefined && abandonAt < end) {
    steps = steps.filter(({ step }) => step.at < abandonAt);
    steps.push({
      step: {
        kind: 'close',
        at: abandonAt,
        by: attending,
        reason: rng.pick(ABANDON_REASONS),
      },
      seq: Number.MAX_SAFE_INTEGER,
    });
  } else if (track.allClosedBy(steps, trigger !== undefined)) {
    const last = steps[steps.length - 1]?.step.at ?? openedAt;
    const closeAt = clinicTime(
      rng,
      dayOf(last) + rng.int(1, 30) * DAY,
      last + MINUTE,
    );
    if (closeAt < end && rng.chance(0.85)) {
      steps.push({
        step: {
          kind: 'close',
          at: closeAt,
          by: attending,
          reason: 'Workup complete',
        },
        seq: Number.MAX_SAFE_INTEGER,
      });
    }
  }
  return {
    id,
    itemIds,
    openedAt,
    openedBy: attending,
    steps: steps.map((s) => s.step),
  };
}

/** The steps of every item of one workup, each item on its own timeline. */
class Tracks {
  private readonly steps: Sequenced[] = [];

  constructor(
    private readonly rng: Prng,
    private readonly staff: Staff,
    private readonly attending: StaffMember,
    private readonly coordinator: StaffMember,
    private readonly patient: {
      readonly profile: ClinicalProfile;
      readonly sex: Sex;
    },
  ) {}

  sorted(): Sequenced[] {
    return [...this.steps].sort(
      (a, b) => a.step.at - b.step.at || a.seq - b.seq,
    );
  }

  /** Whether, with only `included` steps, every active item is closed (done, cancelled, not indicated). */
  allClosedBy(
    included: readonly Sequenced[],
    lymphNodeActive: boolean,
  ): boolean {
    const last = new Map<string, PlanStep>();
    for (const { step } of included) {
      if (step.kind === 'item') {
        last.set(step.key, step);
      }
    }
    return SYNTHETIC_PROTOCOL.items
      .filter((item) => item.required || lymphNodeActive)
      .every((item) => {
        const step = last.get(item.key);
        return (
          step?.kind === 'item' &&
          ['result', 'review', 'cancel', 'not-indicated'].includes(step.action)
        );
      });
  }

  item(key: string, flow: ItemFlow, from: number, pace: number): void {
    const rng = this.rng;
    const notIndicated = NOT_INDICATED[key] ?? 0;
    if (rng.chance(notIndicated)) {
      this.add(
        key,
        from + rng.int(5, 90) * MINUTE,
        this.attending,
        'not-indicated',
        {
          reason: rng.pick(NOT_INDICATED_REASONS),
        },
      );
      return;
    }
    let t = from;
    // A cancelled test is sometimes reopened and run after all.
    for (let round = 0; round < 2; round++) {
      const outcome = this.run(key, flow, t, pace, round === 0);
      if (outcome.cancelledAt === undefined) {
        return;
      }
      if (!rng.chance(0.3)) {
        return;
      }
      t = clinicTime(rng, dayOf(outcome.cancelledAt) + rng.int(3, 30) * DAY);
      this.add(key, t, this.attending, 'reopen', {
        reason: rng.pick(REOPEN_REASONS),
      });
      t += HOUR;
    }
  }

  /** One pass through an item's lifecycle; returns when it was cancelled, if it was. */
  private run(
    key: string,
    flow: ItemFlow,
    from: number,
    pace: number,
    firstRound: boolean,
  ): { cancelledAt?: number } {
    const rng = this.rng;
    const by = (): StaffMember =>
      rng.chance(0.8) ? this.coordinator : rng.pick(this.staff.coordinators);
    if (flow === 'visit_exam' && firstRound) {
      const at = from + rng.int(10, 60) * MINUTE;
      this.result(key, at, { performedAt: iso(from) });
      return {};
    }
    const stalled = rng.chance(0.12);
    const orderAt =
      from +
      rng.int(20, 180) * MINUTE +
      (flow === 'procedure' ? rng.int(0, 2) * DAY : 0);
    const dueDays =
      flow === 'lab' ? rng.pick([7, 14, 14, 21]) : rng.int(21, 42);
    const dueDate = rng.chance(0.1)
      ? undefined
      : addDays(dateOf(orderAt), dueDays);
    const cancel = rng.chance(0.03);
    const skipOrder = flow === 'procedure' && rng.chance(0.15);
    if (!skipOrder) {
      this.add(
        key,
        orderAt,
        by(),
        'order',
        dueDate === undefined ? {} : { dueDate },
      );
    }

    if (flow === 'lab') {
      const drawnAt = clinicTime(
        rng,
        dayOf(orderAt) +
          Math.round(rng.int(0, 5) * pace + (stalled ? rng.int(20, 90) : 0)) *
            DAY,
        orderAt + 5 * MINUTE,
      );
      if (cancel) {
        const at = Math.max(orderAt + HOUR, drawnAt - DAY);
        this.add(key, at, by(), 'cancel', { reason: rng.pick(CANCEL_REASONS) });
        return { cancelledAt: at };
      }
      const interfaced = rng.chance(0.3);
      if (!interfaced) {
        this.add(key, drawnAt + rng.int(5, 60) * MINUTE, by(), 'perform', {
          performedAt: iso(drawnAt),
        });
      }
      const turnaround =
        key === 'vegf'
          ? rng.int(5, 20)
          : key.endsWith('_ife')
            ? rng.int(2, 7)
            : rng.int(0, 2);
      const resultAt = clinicTime(
        rng,
        dayOf(drawnAt) + turnaround * DAY,
        drawnAt + 2 * HOUR,
      );
      this.result(
        key,
        resultAt,
        interfaced ? { performedAt: iso(drawnAt) } : {},
      );
      return {};
    }

    const scheduleAt = clinicTime(
      rng,
      dayOf(orderAt) +
        Math.round((rng.int(1, 7) + (stalled ? rng.int(25, 100) : 0)) * pace) *
          DAY,
      orderAt + 10 * MINUTE,
    );
    let scheduledAt =
      dayOf(scheduleAt) +
      Math.round(rng.int(3, 35) * pace) * DAY +
      rng.int(8, 15) * HOUR;
    this.add(key, scheduleAt, by(), 'schedule', {
      scheduledAt: iso(scheduledAt),
      location: rng.pick(LOCATIONS),
      ...(skipOrder && dueDate !== undefined && { dueDate }),
    });
    let last = scheduleAt;
    if (rng.chance(0.1)) {
      const rescheduleAt = clinicTime(
        rng,
        dayOf(scheduleAt) + rng.int(1, 3) * DAY,
        scheduleAt + HOUR,
      );
      if (rescheduleAt < scheduledAt) {
        scheduledAt += rng.int(3, 20) * DAY;
        last = rescheduleAt;
        this.add(key, rescheduleAt, by(), 'schedule', {
          scheduledAt: iso(scheduledAt),
          ...(rng.chance(0.3) && { location: rng.pick(LOCATIONS) }),
        });
      }
    }
    if (cancel) {
      const at = Math.max(
        scheduledAt - rng.int(1, 48) * HOUR,
        last + 10 * MINUTE,
      );
      this.add(key, at, by(), 'cancel', { reason: rng.pick(CANCEL_REASONS) });
      return { cancelledAt: at };
    }
    this.add(key, scheduledAt + rng.int(1, 4) * HOUR, by(), 'perform', {
      performedAt: iso(scheduledAt),
    });
    const turnaround =
      key === 'lymph_node_biopsy'
        ? rng.int(7, 21)
        : key === 'bone_marrow_biopsy'
          ? rng.int(5, 14)
          : rng.int(1, 10);
    this.result(
      key,
      clinicTime(
        rng,
        dayOf(scheduledAt) + turnaround * DAY,
        scheduledAt + 5 * HOUR,
      ),
      {},
    );
    return {};
  }

  /** A result, usually reviewed, sometimes corrected later. */
  private result(
    key: string,
    at: number,
    extra: Record<string, unknown>,
  ): void {
    const rng = this.rng;
    const { profile, sex } = this.patient;
    this.add(key, at, this.attending, 'result', {
      ...resultFor(rng, key, profile, sex),
      ...extra,
    });
    let t = at;
    const review = (): void => {
      if (rng.chance(0.85)) {
        t = clinicTime(rng, dayOf(t) + rng.int(0, 7) * DAY, t + 10 * MINUTE);
        // Most reviews follow a look at the whole workup; only some are worth an audit row here.
        if (rng.chance(0.3)) {
          this.addRead(t - MINUTE);
        }
        this.add(
          key,
          t,
          this.attending,
          'review',
          rng.chance(0.3) ? { note: 'Discussed at the weekly meeting.' } : {},
        );
      }
    };
    review();
    if (rng.chance(0.02)) {
      t = clinicTime(rng, dayOf(t) + rng.int(1, 20) * DAY, t + HOUR);
      this.add(key, t, this.attending, 'result', {
        ...correctedResultFor(rng, key, profile, sex),
      });
      review();
    }
  }

  private add(
    key: string,
    at: number,
    by: StaffMember,
    action: ItemAction,
    body: Record<string, unknown>,
  ): void {
    this.steps.push({
      step: { kind: 'item', at, by, key, action, body },
      seq: this.steps.length,
    });
  }

  private addRead(at: number): void {
    this.steps.push({
      step: { kind: 'read', at, by: this.attending },
      seq: this.steps.length,
    });
  }
}

/** A time within clinic hours (08:00–17:59 UTC) on the day of `day`, not before `notBefore`. */
function clinicTime(rng: Prng, day: number, notBefore = 0): number {
  const at =
    dayOf(day) + rng.int(8 * 60, 17 * 60 + 59) * MINUTE + rng.int(0, 59_999);
  return at >= notBefore ? at : notBefore + rng.int(1, 30) * MINUTE;
}

function dayOf(time: number): number {
  return Math.floor(time / DAY) * DAY;
}

function dateOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function iso(time: number): string {
  return new Date(time).toISOString();
}
