/**
 * The clinic's clock. Every date and time a user reads or types is in the clinic's time zone
 * (`CLINIC_TIME_ZONE`), never the viewer's computer's: a CT booked for 09:00 must read 09:00 in a
 * browser set to Tokyo, and the day a workup opened must be the day the reports count it on.
 */

const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];
const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Wall-clock fields of an instant in a zone. */
interface WallFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

// Building a DateTimeFormat costs far more than using one; pages format hundreds of times.
const partFormats = new Map<string, Intl.DateTimeFormat>();
const nameFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormats.set(timeZone, format);
  }
  return format;
}

function wallFields(instant: Date, timeZone: string): WallFields {
  const fields: Record<string, number> = {};
  for (const part of partsFormat(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') {
      fields[part.type] = Number(part.value);
    }
  }
  return {
    year: fields['year'],
    month: fields['month'],
    day: fields['day'],
    hour: fields['hour'] % 24,
    minute: fields['minute'],
    second: fields['second'],
  };
}

function asInstant(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Minutes the zone is ahead of UTC at an instant (New York in winter: -300). */
export function zoneOffsetMinutes(timeZone: string, instant: Date): number {
  const f = wallFields(instant, timeZone);
  const wallAsUtc = Date.UTC(
    f.year,
    f.month - 1,
    f.day,
    f.hour,
    f.minute,
    f.second,
  );
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((wallAsUtc - whole) / 60_000);
}

/**
 * The instant a clinic wall time (`YYYY-MM-DDTHH:mm[:ss]`, as a datetime-local input gives it)
 * names. A time skipped by a daylight-saving jump is read with the offset before the jump (02:30
 * on a spring-forward night is 03:30), a time that occurs twice is the first one — the choices of
 * ECMAScript Temporal's `compatible` disambiguation. Undefined for text that is no wall time.
 */
export function clinicWallTimeToInstant(
  wallTime: string,
  timeZone: string,
): Date | undefined {
  const m = WALL_TIME.exec(wallTime);
  if (m === null) {
    return undefined;
  }
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) =>
    Number(m[i]),
  );
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(asUtc);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return undefined;
  }
  // The offsets a day either side bracket every transition a wall time can fall into.
  const before = zoneOffsetMinutes(timeZone, new Date(asUtc - 86_400_000));
  const after = zoneOffsetMinutes(timeZone, new Date(asUtc + 86_400_000));
  const candidates = [...new Set([before, after])]
    .map((offset) => new Date(asUtc - offset * 60_000))
    .filter(
      (instant) =>
        instantAsClinicWallTime(instant, timeZone, true) ===
        wallTimeWithSeconds(wallTime),
    )
    .sort((a, b) => a.getTime() - b.getTime());
  if (candidates.length > 0) {
    return candidates[0];
  }
  // In the gap: the offset before the jump carries the wall time past it.
  return new Date(asUtc - before * 60_000);
}

function wallTimeWithSeconds(wallTime: string): string {
  return wallTime.length === 16 ? `${wallTime}:00` : wallTime;
}

/** The clinic wall time of an instant, `YYYY-MM-DDTHH:mm` (with `:ss` when asked). */
export function instantAsClinicWallTime(
  value: Date | string,
  timeZone: string,
  withSeconds = false,
): string {
  const f = wallFields(asInstant(value), timeZone);
  const base = `${f.year}-${pad(f.month)}-${pad(f.day)}T${pad(f.hour)}:${pad(f.minute)}`;
  return withSeconds ? `${base}:${pad(f.second)}` : base;
}

/** The clinic calendar date (`YYYY-MM-DD`) of an instant. */
export function clinicDateOf(value: Date | string, timeZone: string): string {
  return instantAsClinicWallTime(value, timeZone).slice(0, 10);
}

/**
 * The zone's short name at an instant ("EST", "EDT", "GMT+9" where the zone has no common
 * abbreviation in English), so a reader knows which clock a time is on.
 */
export function zoneAbbreviation(
  timeZone: string,
  value: Date | string,
): string {
  let format = nameFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      timeZoneName: 'short',
    });
    nameFormats.set(timeZone, format);
  }
  const name = format
    .formatToParts(asInstant(value))
    .find((p) => p.type === 'timeZoneName');
  return name?.value === 'GMT' && timeZone === 'UTC'
    ? 'UTC'
    : (name?.value ?? timeZone);
}

/** A calendar date (`YYYY-MM-DD`, no zone) as "6 Dec 2026". */
export function formatCalendarDate(date: string): string {
  const m = CALENDAR_DATE.exec(date);
  if (m === null) {
    return date;
  }
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** The clinic date of an instant as "6 Dec 2026". */
export function formatClinicDate(
  value: Date | string,
  timeZone: string,
): string {
  return formatCalendarDate(clinicDateOf(value, timeZone));
}

/** How much of an instant to show. */
export type ClinicTimeStyle = 'minutes' | 'seconds' | 'time' | 'time-seconds';

/**
 * An instant on the clinic's clock with the zone named: "6 Dec 2026, 09:30 EST" (`minutes`),
 * "…09:30:05 EST" (`seconds`), "09:30 EST" (`time`), "09:30:05 EST" (`time-seconds`).
 */
export function formatClinicDateTime(
  value: Date | string,
  timeZone: string,
  style: ClinicTimeStyle = 'minutes',
): string {
  const instant = asInstant(value);
  if (Number.isNaN(instant.getTime())) {
    return '';
  }
  const f = wallFields(instant, timeZone);
  const seconds = style === 'seconds' || style === 'time-seconds';
  const clock = `${pad(f.hour)}:${pad(f.minute)}${seconds ? `:${pad(f.second)}` : ''} ${zoneAbbreviation(timeZone, instant)}`;
  if (style === 'time' || style === 'time-seconds') {
    return clock;
  }
  return `${f.day} ${MONTHS[f.month - 1]} ${f.year}, ${clock}`;
}

/**
 * An instant as ISO 8601 with the clinic's offset ("2026-12-07T09:30:00-05:00"): exact for a
 * machine, and the clinic's wall time for a person reading an export.
 */
export function clinicIsoInstant(
  value: Date | string,
  timeZone: string,
): string {
  const instant = asInstant(value);
  const offset = zoneOffsetMinutes(timeZone, instant);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${instantAsClinicWallTime(instant, timeZone, true)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
