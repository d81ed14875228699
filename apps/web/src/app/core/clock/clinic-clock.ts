import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { zoneAbbreviation } from '@poems/domain';
import { apiPath, type ClinicView } from '@poems/contract';
import { firstValueFrom, timeout } from 'rxjs';
import { clinicZone, setClinicZone } from './clinic-zone';

/** A clinic that has not told its zone by then: times show in UTC, labelled as such. */
const LOAD_TIMEOUT_MS = 10_000;

/** The clinic's clock, shared by every page: which zone times are shown and typed in. */
@Injectable({ providedIn: 'root' })
export class ClinicClock {
  private readonly http = inject(HttpClient);
  private readonly zone = signal(clinicZone());

  /** The clinic's IANA zone. */
  readonly timeZone = this.zone.asReadonly();

  /** "Clinic time (EST)": the hint beside every time input. */
  readonly label = computed(
    () => `Clinic time (${zoneAbbreviation(this.zone(), new Date())})`,
  );

  /**
   * Reads the clinic's zone before the first page renders. An API that cannot be reached leaves
   * UTC in place (every time then says "UTC", so nothing is shown on an unnamed clock) and the
   * health banner tells the user the API is unavailable.
   */
  async load(): Promise<void> {
    try {
      const clinic = await firstValueFrom(
        this.http
          .get<ClinicView>(apiPath('GET /api/clinic', {}))
          .pipe(timeout({ first: LOAD_TIMEOUT_MS })),
      );
      this.use(clinic.timeZone);
    } catch {
      // Already on UTC.
    }
  }

  /** Shows every time in a zone (start-up, and tests). */
  use(timeZone: string): void {
    setClinicZone(timeZone);
    this.zone.set(timeZone);
  }
}
