import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import type { Provider, Type } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { apiErrorInterceptor } from '../app/core/api/api-error.interceptor';

/** A dialog rendered on its own, with the HTTP backend its test answers. */
export interface OpenedDialog<T> {
  readonly fixture: ComponentFixture<T>;
  readonly backend: HttpTestingController;
  readonly root: HTMLElement;
}

/**
 * Renders a dialog component as `MatDialog` would open it: its data, a dialog ref closing through
 * the test's `close` (a `jest.fn()` that records how it closed), and the API error interceptor in
 * front of a testing backend.
 */
export async function openDialog<T>(
  component: Type<T>,
  options: {
    readonly close: (outcome?: unknown) => void;
    readonly data?: unknown;
    readonly providers?: readonly Provider[];
  },
): Promise<OpenedDialog<T>> {
  TestBed.configureTestingModule({
    imports: [component],
    providers: [
      provideHttpClient(withInterceptors([apiErrorInterceptor])),
      provideHttpClientTesting(),
      { provide: MatDialogRef, useValue: { close: options.close } },
      ...(options.data === undefined
        ? []
        : [{ provide: MAT_DIALOG_DATA, useValue: options.data }]),
      ...(options.providers ?? []),
    ],
  });
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(component);
  await fixture.whenStable();
  return { fixture, backend, root: fixture.nativeElement as HTMLElement };
}
