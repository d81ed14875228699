const HL7_TIME =
  /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.(\d{1,4}))?([+-]\d{4})?$/;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The UTC offset of a zone at an instant, in minutes. */
function offsetMinutes(timeZone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string): number =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * An HL7 DTM (`YYYY[MM[DD[HHMM[SS[.S]]]]][+/-ZZZZ]`) as an ISO 8601 instant. With an offset it is
 * kept as sent; without one the time is read in the interface's IANA zone — never as UTC, as
 * @medplum/core's parser does (lab-interface reference §7.5), and never with a fixed offset, which
 * breaks across daylight saving time. Undefined when it is no time at all.
 */
export function parseHl7Time(
  text: string | undefined,
  timeZone: string,
): string | undefined {
  const match = HL7_TIME.exec((text ?? '').trim());
  if (!match) {
    return undefined;
  }
  const [
    ,
    y,
    mo = '01',
    d = '01',
    h = '00',
    mi = '00',
    s = '00',
    fraction,
    offset,
  ] = match;
  const fields = [
    Number(y),
    Number(mo),
    Number(d),
    Number(h),
    Number(mi),
    Number(s),
  ] as const;
  const ms =
    fraction === undefined ? 0 : Math.round(Number(`0.${fraction}`) * 1000);
  const local = Date.UTC(
    fields[0],
    fields[1] - 1,
    fields[2],
    fields[3],
    fields[4],
    fields[5],
    ms,
  );
  const check = new Date(local);
  if (
    check.getUTCMonth() !== fields[1] - 1 ||
    check.getUTCDate() !== fields[2] ||
    fields[3] > 23 ||
    fields[4] > 59 ||
    fields[5] > 59
  ) {
    return undefined;
  }
  if (offset !== undefined) {
    const fractionPart = ms > 0 ? `.${pad(ms, 3)}` : '';
    return `${y}-${mo}-${d}T${h}:${mi}:${s}${fractionPart}${offset.slice(0, 3)}:${offset.slice(3)}`;
  }
  let instant = local - offsetMinutes(timeZone, local) * 60_000;
  instant = local - offsetMinutes(timeZone, instant) * 60_000;
  return new Date(instant).toISOString();
}

/** An HL7 date (`YYYYMMDD`, a longer DTM is cut to its date) as `YYYY-MM-DD`. */
export function parseHl7Date(text: string | undefined): string | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})/.exec((text ?? '').trim());
  if (!match) {
    return undefined;
  }
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCDate() === Number(d) && date.getUTCMonth() === Number(m) - 1
    ? `${y}-${m}-${d}`
    : undefined;
}

/** Now as an HL7 DTM with its offset (UTC): ACKs carry their own MSH-7. */
export function hl7Now(now: Date): string {
  return `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}+0000`;
}
