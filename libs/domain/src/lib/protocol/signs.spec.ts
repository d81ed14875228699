import { isCriterionKey, OTHER_SIGNS } from './criteria';
import { isSignKey, SIGN_KEYS, signTarget } from './signs';

/** "What counts" of domain reference §1, written out. */
const REFERENCE_SIGNS: Readonly<Record<string, readonly string[]>> = {
  organomegaly: ['splenomegaly', 'hepatomegaly', 'lymphadenopathy'],
  extravascular_volume_overload: [
    'edema',
    'pleural_effusion',
    'ascites',
    'pericardial_effusion',
  ],
  skin_changes: [
    'hyperpigmentation',
    'hypertrichosis',
    'glomeruloid_hemangiomata',
    'plethora',
    'acrocyanosis',
    'flushing',
    'white_nails',
  ],
  papilledema: ['papilledema'],
};

describe('sign vocabulary', () => {
  it.each(Object.entries(REFERENCE_SIGNS))(
    '%s is shown by exactly %j',
    (criterion, signs) => {
      expect(
        SIGN_KEYS.filter((s) => signTarget(s) === criterion).sort(),
      ).toEqual([...signs].sort());
    },
  );

  it('maps each other sign to itself, never to a criterion', () => {
    for (const sign of OTHER_SIGNS) {
      expect(isSignKey(sign)).toBe(true);
      expect(signTarget(sign as never)).toBe(sign);
    }
  });

  it('has no sign for criteria that only a test can show', () => {
    const targets = new Set(SIGN_KEYS.map(signTarget));
    for (const criterion of [
      'polyneuropathy',
      'monoclonal_plasma_cell_disorder',
      'castleman_disease',
      'sclerotic_bone_lesions',
      'vegf_elevation',
      'endocrinopathy',
      'thrombocytosis_polycythemia',
    ]) {
      expect(targets.has(criterion as never)).toBe(false);
    }
  });

  it('recognises sign keys and criterion keys from outside', () => {
    expect(isSignKey('ascites')).toBe(true);
    expect(isSignKey('toString')).toBe(false);
    expect(isSignKey(42)).toBe(false);
    expect(isCriterionKey('papilledema')).toBe(true);
    expect(isCriterionKey('clubbing')).toBe(false);
    expect(isCriterionKey(undefined)).toBe(false);
  });
});
