import { CLINIC_NOW } from '../../../testing/evaluation.helpers';
import {
  aLine,
  assessedAt,
  FollowupStory,
  lineOf,
  pet,
  timePointOf,
} from '../../../testing/followup.fixtures';

/**
 * Worked example 17 (poems-followup.md §7): ASCT; baseline PET with 2 avid lesions. M6 PET: 0 avid,
 * no new lesion. M24 PET: a new avid rib lesion. M6 CR; M24 progression (radiographic, no
 * confirmation needed), a relapse; summary progression; not symptomatic.
 */
describe('Radiographic: PET complete response, then a new avid lesion after ASCT', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const story = FollowupStory.diagnosed('2024-12-10')
    .line(
      aLine({
        regimenClass: 'asct_melphalan',
        startDate: '2025-01-02',
        transplantDate: '2025-03-10',
        inductionClass: 'lenalidomide_dexamethasone',
      }),
    )
    .result(
      'bone_imaging',
      '2024-12-20',
      pet({ avid: 2, lesions: 2, impression: 'worse' }),
    )
    .result(
      'bone_imaging',
      '2025-09-10',
      pet({ avid: 0, newLesion: false, impression: 'resolved' }),
    )
    .result(
      'bone_imaging',
      '2027-03-10',
      pet({ avid: 1, newLesion: true, impression: 'worse' }),
    );

  it('anchors the ASCT line on the transplant date', () => {
    const line = lineOf(story.evaluate('2027-03-20'));
    expect(line.anchor).toMatchObject({
      date: '2025-03-10',
      field: 'transplant_date',
    });
    expect(timePointOf(line, 'M6').targetDate).toBe('2025-09-10');
    expect(timePointOf(line, 'M24').targetDate).toBe('2027-03-10');
  });

  it('M6: no avid lesion left is CR', () => {
    const line = lineOf(story.evaluate('2027-03-20'));
    expect(assessedAt(line, 'M6', 'radiographic')).toMatchObject({
      category: 'CR',
    });
  });

  it('M24: a new avid lesion is progression, confirmed at once, and a relapse after the CR', () => {
    const line = lineOf(story.evaluate('2027-03-20'));
    expect(assessedAt(line, 'M24', 'radiographic')).toMatchObject({
      category: 'progression',
      confirmation: 'confirmed',
      relapse: true,
    });
    expect(timePointOf(line, 'M24').summary.value).toBe('progression');
  });

  it('the event is a radiographic relapse dated at the M24 PET, not symptomatic', () => {
    const line = lineOf(story.evaluate('2027-03-20'));
    expect(line.event).toMatchObject({
      kind: 'relapse',
      date: '2027-03-10',
      types: ['radiographic'],
      symptomatic: false,
    });
  });
});
