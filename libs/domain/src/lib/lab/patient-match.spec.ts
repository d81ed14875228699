import { DOE } from '../../testing/lab-reports.fixtures';
import { demographicMismatch, mrnOf } from './patient-match';

describe('finding the MRN to match by (PID-3, every repetition)', () => {
  it('takes the MR identifier of the trusted authority, by namespace or OID', () => {
    expect(mrnOf(DOE, 'CITYHOSP')).toEqual({ kind: 'mrn', mrn: 'MRN100234' });
    expect(mrnOf(DOE, '2.16.840.1.113883.19.5')).toEqual({ kind: 'mrn', mrn: 'MRN100234' });
    expect(mrnOf(DOE, undefined)).toEqual({ kind: 'mrn', mrn: 'MRN100234' });
  });

  it('never identifies by another type or authority', () => {
    expect(mrnOf(DOE, 'STATEHIE')).toMatchObject({ kind: 'none' });
    expect(mrnOf({ identifiers: [{ value: '7781', type: 'PI', authority: ['CITYHOSP'] }] }, 'CITYHOSP')).toMatchObject({ kind: 'none' });
    expect(mrnOf({ identifiers: [] }, undefined)).toMatchObject({ kind: 'none' });
  });

  it('refuses two different MRNs of the trusted authority', () => {
    const two = {
      identifiers: [
        { value: 'A1', type: 'MR', authority: ['CITYHOSP'] },
        { value: 'A2', type: 'MR', authority: ['CITYHOSP'] },
      ],
    };
    expect(mrnOf(two, 'CITYHOSP')).toMatchObject({ kind: 'none' });
    expect(mrnOf(two, 'OTHER')).toMatchObject({ kind: 'none' });
  });
});

describe('the wrong-patient guard', () => {
  const registered = { familyName: 'Doe', birthDate: '1962-04-15' };

  it('accepts the same birth date and family name, whatever the case and accents', () => {
    expect(demographicMismatch(DOE, registered)).toBeUndefined();
    expect(demographicMismatch({ ...DOE, familyName: 'doé' }, registered)).toBeUndefined();
  });

  it('refuses another birth date, another family name, or either missing', () => {
    expect(demographicMismatch({ ...DOE, birthDate: '1962-04-16' }, registered)).toMatch(/birth date/);
    expect(demographicMismatch({ ...DOE, familyName: 'ROE' }, registered)).toMatch(/family name/);
    expect(demographicMismatch({ identifiers: [] }, registered)).toMatch(/birth date and family name/);
    expect(demographicMismatch({ ...DOE, familyName: '--' }, { familyName: '--', birthDate: '1962-04-15' })).toMatch(/family name/);
  });
});
