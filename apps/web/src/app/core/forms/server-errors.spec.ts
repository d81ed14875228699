import { FormArray, FormControl, FormGroup } from '@angular/forms';
import { applyFieldErrors, fieldPath } from './server-errors';
import { errorText } from './error-text';

describe('field errors of a problem document', () => {
  const form = (): FormGroup =>
    new FormGroup({
      mrn: new FormControl(''),
      values: new FormArray([
        new FormGroup({ unit: new FormControl('') }),
        new FormGroup({ unit: new FormControl('') }),
      ]),
    });

  it('reads nested field paths', () => {
    expect(fieldPath('values[1].unit')).toEqual(['values', 1, 'unit']);
    expect(fieldPath('axes.gonadal')).toEqual(['axes', 'gonadal']);
  });

  it('puts each error on the control it names, shown as that control’s message', () => {
    const f = form();

    const rest = applyFieldErrors(f, [
      { field: 'mrn', message: 'mrn must be 1–32 letters' },
      {
        field: 'values[1].unit',
        message: 'VEGF must be reported in pg/mL (or ng/L).',
      },
    ]);

    expect(rest).toEqual([]);
    expect(errorText(f.get('mrn'))).toBe('mrn must be 1–32 letters');
    expect(errorText(f.get(['values', 1, 'unit']))).toBe(
      'VEGF must be reported in pg/mL (or ng/L).',
    );
    expect(f.get(['values', 0, 'unit'])?.valid).toBe(true);
    expect(f.get('mrn')?.touched).toBe(true);
  });

  it('returns the errors no control can show', () => {
    expect(
      applyFieldErrors(form(), [
        { field: 'version', message: 'version must be an integer' },
      ]),
    ).toEqual([{ field: 'version', message: 'version must be an integer' }]);
  });

  it('clears a server error as soon as the field is edited', () => {
    const f = form();
    applyFieldErrors(f, [
      { field: 'mrn', message: 'This MRN is already registered.' },
    ]);

    f.get('mrn')?.setValue('MRN-2');

    expect(f.get('mrn')?.errors).toBeNull();
  });
});
