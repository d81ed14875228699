import {
  aLine,
  assessedAt,
  FollowupStory,
  lineOf,
  lowDoseCt,
  pet,
} from '../../../testing/followup.fixtures';

// Anchor = the start date 2025-01-15: M6 target 2025-07-15, M12 2026-01-15.
const ldex = FollowupStory.diagnosed('2024-12-20').line(
  aLine({
    regimenClass: 'lenalidomide_dexamethasone',
    startDate: '2025-01-15',
  }),
);
const avid = ldex.result(
  'bone_imaging',
  '2025-01-05',
  pet({ avid: 3, lesions: 3 }),
);

describe('radiographic domain', () => {
  it.each([
    [{ avid: 1, newLesion: false, impression: 'improved' as const }, 'PR'],
    [{ avid: 3, newLesion: false, impression: 'unchanged' as const }, 'stable'],
    [
      { avid: 3, newLesion: false, impression: 'worse' as const },
      'progression',
    ],
    [
      { avid: 2, newLesion: true, impression: 'improved' as const },
      'progression',
    ],
    [{ avid: 0, newLesion: false, impression: 'resolved' as const }, 'CR'],
  ])('a PET read %j is %s', (read, category) => {
    expect(
      assessedAt(
        lineOf(
          avid
            .result('bone_imaging', '2025-07-15', pet(read))
            .evaluate('2025-08-01'),
        ),
        'M6',
        'radiographic',
      ).category,
    ).toBe(category);
  });

  it('a CT-only read is not categorized: modality_not_pet', () => {
    const line = lineOf(
      avid
        .result('bone_imaging', '2025-07-15', lowDoseCt(3))
        .evaluate('2025-08-01'),
    );
    expect(assessedAt(line, 'M6', 'radiographic')).toMatchObject({
      category: 'not_evaluable',
      reason: 'modality_not_pet',
    });
  });

  it('a PET beside a CT in the same range is the one read', () => {
    const line = lineOf(
      avid
        .result('bone_imaging', '2025-07-14', lowDoseCt(3))
        .result(
          'bone_imaging',
          '2025-07-25',
          pet({ avid: 1, impression: 'improved' }),
        )
        .evaluate('2025-08-01'),
    );
    expect(assessedAt(line, 'M6', 'radiographic')).toMatchObject({
      category: 'PR',
      resultIds: ['bone_imaging@2025-07-25'],
      additionalResultIds: [],
    });
  });

  it('a baseline PET without an avid lesion: no_baseline_avid_lesion for the line', () => {
    const line = lineOf(
      ldex
        .result('bone_imaging', '2025-01-05', pet({ avid: 0 }))
        .result('bone_imaging', '2025-07-15', pet({ avid: 1, newLesion: true }))
        .evaluate('2025-08-01'),
    );
    expect(line.baselines[2]).toMatchObject({
      status: 'not_evaluable',
      reason: 'no_baseline_avid_lesion',
    });
    expect(assessedAt(line, 'M6', 'radiographic').reason).toBe(
      'no_baseline_avid_lesion',
    );
  });

  it('only a CT, or a PET without its count, in the baseline window: no_baseline', () => {
    expect(
      lineOf(
        ldex
          .result('bone_imaging', '2025-01-05', lowDoseCt(2))
          .evaluate('2025-08-01'),
      ).baselines[2].reason,
    ).toBe('no_baseline');
    const uncounted = lineOf(
      ldex
        .result('bone_imaging', '2025-01-05', { modality: 'pet_ct' })
        .evaluate('2025-08-01'),
    ).baselines[2];
    expect(uncounted).toMatchObject({
      reason: 'no_baseline',
      explanation: 'The baseline PET has no FDG-avid lesion count recorded.',
    });
  });

  it('a read that does not say whether a lesion is new cannot rule out progression', () => {
    const line = lineOf(
      avid
        .result('bone_imaging', '2025-07-15', {
          modality: 'pet_ct',
          avidLesionCount: 0,
          impression: 'resolved',
        })
        .evaluate('2025-08-01'),
    );
    expect(assessedAt(line, 'M6', 'radiographic')).toMatchObject({
      category: 'not_evaluable',
      reason: 'incomplete_result',
    });
    const noImpression = lineOf(
      avid
        .result('bone_imaging', '2025-07-15', {
          modality: 'pet_ct',
          avidLesionCount: 2,
          newLesion: false,
        })
        .evaluate('2025-08-01'),
    );
    expect(assessedAt(noImpression, 'M6', 'radiographic')).toMatchObject({
      category: 'not_evaluable',
      reason: 'incomplete_result',
    });
  });

  it('progression is confirmed at once, and is no relapse without an earlier CR', () => {
    const line = lineOf(
      avid
        .result(
          'bone_imaging',
          '2025-07-15',
          pet({ avid: 4, newLesion: true, impression: 'worse' }),
        )
        .evaluate('2025-08-01'),
    );
    expect(assessedAt(line, 'M6', 'radiographic')).toMatchObject({
      confirmation: 'confirmed',
      relapse: false,
    });
    expect(line.event).toMatchObject({
      kind: 'progression',
      types: ['radiographic'],
      date: '2025-07-15',
    });
  });
});
