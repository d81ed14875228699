import {
  ChangeDetectorRef,
  type Provider,
  type Signal,
  effect,
  inject,
} from '@angular/core';
import { type AbstractControl, ControlContainer } from '@angular/forms';

/**
 * Lets a component that is a part of a form bind `formControlName` against the form around its
 * host (add it to `viewProviders`): the part's fields belong to the page's or dialog's form.
 */
export const IN_PARENT_FORM: Provider = {
  provide: ControlContainer,
  useFactory: () => inject(ControlContainer, { skipSelf: true }),
};

/**
 * Checks an OnPush part of a form when its controls change from outside its own template: a
 * server error placed on a field, every field touched by a refused submit. Call it in an
 * injection context.
 */
export function checkOnFormEvents(form: Signal<AbstractControl | null>): void {
  const changes = inject(ChangeDetectorRef);
  effect((onCleanup) => {
    const subscription = form()?.events.subscribe(() => changes.markForCheck());
    onCleanup(() => subscription?.unsubscribe());
  });
}
