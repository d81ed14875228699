/**
 * The clinic's time zone for code that runs outside injection (form validators, date helpers).
 * {@link ClinicClock} sets it once at start-up from `GET /api/clinic`, before the first page
 * renders; until then, and in unit tests that do not set it, times read as UTC — never as the
 * browser's zone, which is the one clock a page must not depend on.
 */
let zone = 'UTC';

/** The clinic's IANA time zone. */
export function clinicZone(): string {
  return zone;
}

/** Sets the clinic's zone (start-up, and tests). */
export function setClinicZone(timeZone: string): void {
  zone = timeZone;
}
