import { BreakpointObserver } from '@angular/cdk/layout';
import { Injectable, inject, type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { map } from 'rxjs';

/** Below this width a phone is held upright: one column, menus instead of button rows. */
export const HANDSET_QUERY = '(max-width: 599.98px)';

/** Below this width (phones and tablets) rows of buttons and wide grids no longer fit. */
export const COMPACT_QUERY = '(max-width: 959.98px)';

/** The screen's size class, as signals the layouts of pages follow. */
@Injectable({ providedIn: 'root' })
export class ViewportService {
  private readonly breakpoints = inject(BreakpointObserver);

  /** A phone (about 390 px wide). */
  readonly handset: Signal<boolean> = this.matches(HANDSET_QUERY);
  /** A phone or a tablet (up to about 960 px wide). */
  readonly compact: Signal<boolean> = this.matches(COMPACT_QUERY);

  private matches(query: string): Signal<boolean> {
    return toSignal(
      this.breakpoints.observe(query).pipe(map((state) => state.matches)),
      // The first render already has the right layout: no jump from desktop to phone.
      { initialValue: this.breakpoints.isMatched(query) },
    );
  }
}
