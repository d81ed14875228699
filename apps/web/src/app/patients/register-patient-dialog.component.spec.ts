import type { HttpTestingController } from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { aProblem } from '../../testing/workup-fixtures';
import { openDialog } from '../../testing/dialog';
import { todayIso } from '../core/forms/dates';
import { RegisterPatientDialogComponent } from './register-patient-dialog.component';

describe('RegisterPatientDialogComponent', () => {
  let fixture: ComponentFixture<RegisterPatientDialogComponent>;
  let backend: HttpTestingController;
  let close: jest.Mock;
  let root: HTMLElement;

  beforeEach(async () => {
    close = jest.fn();
    ({ fixture, backend, root } = await openDialog(
      RegisterPatientDialogComponent,
      { close },
    ));
  });

  afterEach(() => backend.verify());

  const input = (name: string): HTMLInputElement => {
    const el = root.querySelector<HTMLInputElement>(
      `input[formcontrolname="${name}"]`,
    );
    if (!el) {
      throw new Error(`no input ${name}`);
    }
    return el;
  };
  async function type(name: string, value: string): Promise<void> {
    const el = input(name);
    el.value = value;
    el.dispatchEvent(new Event('input'));
    el.dispatchEvent(new Event('blur'));
    await fixture.whenStable();
  }
  async function chooseSex(label: string): Promise<void> {
    root.querySelector<HTMLElement>('mat-select')?.click();
    await fixture.whenStable();
    const option = Array.from(
      document.querySelectorAll<HTMLElement>('mat-option'),
    ).find((o) => o.textContent?.trim() === label);
    option?.click();
    await fixture.whenStable();
  }
  async function submit(): Promise<void> {
    root.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await fixture.whenStable();
  }
  /** The error shown under a field, by the field's label. */
  const errorOf = (label: string): string | undefined => {
    const field = Array.from(root.querySelectorAll('mat-form-field')).find(
      (f) => f.querySelector('mat-label')?.textContent?.includes(label),
    );
    return field?.querySelector('mat-error')?.textContent?.trim();
  };

  async function fillValid(): Promise<void> {
    await type('mrn', '  MRN-0042 ');
    await type('givenName', 'Ada');
    await type('familyName', 'Lovelace');
    await type('birthDate', '1961-04-12');
    await chooseSex('Female');
  }

  it('asks for every field before sending anything', async () => {
    await submit();

    expect(errorOf('MRN')).toBe('Required.');
    expect(errorOf('Given name')).toBe('Required.');
    expect(errorOf('Family name')).toBe('Required.');
    expect(errorOf('Birth date')).toBe('Required.');
    expect(errorOf('Sex')).toBe('Required.');
    backend.expectNone('/api/patients');
  });

  it('refuses a birth date in the future and an MRN the API would refuse', async () => {
    const tomorrow = new Date();
    tomorrow.setDate(tomorrow.getDate() + 1);
    await type('birthDate', todayIso(tomorrow));
    await type('mrn', 'has spaces');
    await submit();

    expect(errorOf('Birth date')).toBe('Must not be in the future.');
    expect(errorOf('MRN')).toBe(
      'Use 1–32 letters, digits, dots, dashes or slashes, starting with a letter or digit.',
    );
    backend.expectNone('/api/patients');
  });

  it('registers the patient with trimmed values and closes with the stored patient', async () => {
    await fillValid();
    await submit();

    const request = backend.expectOne('/api/patients');
    expect(request.request.body).toEqual({
      mrn: 'MRN-0042',
      givenName: 'Ada',
      familyName: 'Lovelace',
      birthDate: '1961-04-12',
      sex: 'female',
    });
    const stored = {
      ...request.request.body,
      id: 'p-9',
      createdAt: '2026-03-01T00:00:00Z',
    };
    request.flush(stored, { status: 201, statusText: 'Created' });

    expect(close).toHaveBeenCalledWith(stored);
  });

  it('shows a duplicate MRN on the MRN field', async () => {
    await fillValid();
    await submit();

    backend.expectOne('/api/patients').flush(
      aProblem('duplicate_mrn', 409, {
        detail: 'A patient with this MRN is already registered.',
      }),
      {
        status: 409,
        statusText: 'Conflict',
      },
    );
    await fixture.whenStable();

    expect(errorOf('MRN')).toBe(
      'A patient with this MRN is already registered.',
    );
    expect(close).not.toHaveBeenCalled();
  });

  it('maps the API’s field errors back onto the fields', async () => {
    await fillValid();
    await submit();

    backend.expectOne('/api/patients').flush(
      aProblem('validation_failed', 400, {
        errors: [
          {
            field: 'birthDate',
            message: 'birthDate must not be before 1900-01-01',
          },
          { field: 'givenName', message: 'givenName must not be empty' },
        ],
      }),
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();

    expect(errorOf('Birth date')).toBe(
      'birthDate must not be before 1900-01-01',
    );
    expect(errorOf('Given name')).toBe('givenName must not be empty');
    expect(root.querySelector('[role="alert"]')?.textContent).toContain(
      'Some fields need attention',
    );
  });
});
