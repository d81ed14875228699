import { isCriterionKey } from '../protocol/criteria';
import { SIGN_KEYS, signTarget } from '../protocol/signs';
import { coveredCriteria } from '../workup/result-validation';
import { inferred, type InferenceRuleFn } from './inference.types';

/** Skeletal imaging: sclerotic or mixed sclerotic/lytic lesions meet the criterion; purely lytic do not. */
export const inferBoneLesions: InferenceRuleFn = ({ result }) => {
  switch (result.lesions) {
    case undefined:
      return [];
    case 'sclerotic':
    case 'mixed':
      return [inferred('sclerotic_bone_lesions', 'present', `${result.lesions} bone lesions`)];
    case 'lytic':
      return [inferred('sclerotic_bone_lesions', 'absent', 'purely lytic lesions (not sclerotic)')];
    case 'none':
      return [inferred('sclerotic_bone_lesions', 'absent', 'no bone lesions')];
  }
};

/**
 * Recorded signs: each covered criterion that signs can show is present when a recorded sign
 * shows it, and absent when the item recorded its signs and none shows it. Without a signs list
 * nothing is inferred.
 */
export const inferFromSigns: InferenceRuleFn = ({ item, result }) => {
  const signs = result.signs;
  if (!signs) {
    return [];
  }
  const showable = new Set(SIGN_KEYS.map(signTarget).filter(isCriterionKey));
  return coveredCriteria(item)
    .filter((criterion) => showable.has(criterion))
    .map((criterion) => {
      const shown = signs.filter((s) => signTarget(s) === criterion);
      return shown.length > 0
        ? inferred(criterion, 'present', shown.join(', ').replace(/_/g, ' '))
        : inferred(criterion, 'absent', 'no sign of it recorded');
    });
};
