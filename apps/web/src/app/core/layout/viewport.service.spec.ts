import { BreakpointObserver, type BreakpointState } from '@angular/cdk/layout';
import { TestBed } from '@angular/core/testing';
import { BehaviorSubject, map, type Observable } from 'rxjs';
import { ViewportService } from './viewport.service';

/** The window's width as the media queries of the service see it. */
class FakeBreakpoints {
  readonly width = new BehaviorSubject(1440);

  private static matches(query: string, width: number): boolean {
    const max = Number(/max-width: ([\d.]+)px/.exec(query)?.[1]);
    return width <= max;
  }

  observe(query: string): Observable<BreakpointState> {
    return this.width.pipe(
      map((width) => {
        const matches = FakeBreakpoints.matches(query, width);
        return { matches, breakpoints: { [query]: matches } };
      }),
    );
  }

  isMatched(query: string): boolean {
    return FakeBreakpoints.matches(query, this.width.value);
  }
}

describe('ViewportService', () => {
  let breakpoints: FakeBreakpoints;

  function service(width: number): ViewportService {
    breakpoints = new FakeBreakpoints();
    breakpoints.width.next(width);
    TestBed.configureTestingModule({
      providers: [{ provide: BreakpointObserver, useValue: breakpoints }],
    });
    return TestBed.inject(ViewportService);
  }

  it.each([
    [390, true, true],
    [599, true, true],
    [600, false, true],
    [768, false, true],
    [959, false, true],
    [960, false, false],
    [1440, false, false],
  ])(
    'at %i px is a phone: %s, a phone or tablet: %s',
    (width, handset, compact) => {
      const viewport = service(width);

      expect(viewport.handset()).toBe(handset);
      expect(viewport.compact()).toBe(compact);
    },
  );

  it('follows the window as it is resized or turned', () => {
    const viewport = service(1440);

    breakpoints.width.next(390);
    expect([viewport.handset(), viewport.compact()]).toEqual([true, true]);

    breakpoints.width.next(768);
    expect([viewport.handset(), viewport.compact()]).toEqual([false, true]);
  });
});
