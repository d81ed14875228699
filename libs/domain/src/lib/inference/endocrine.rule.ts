import type { EndocrineAxis } from '../workup/result';
import { inferred, type InferenceRuleFn } from './inference.types';

/** Axes whose abnormality alone meets the criterion. */
const QUALIFYING_AXES: readonly EndocrineAxis[] = ['gonadal', 'prolactin', 'adrenal', 'parathyroid'];
/** Axes too common in the population to count alone (Table 1 footnote): diabetes and thyroid. */
const COMMON_AXES: readonly EndocrineAxis[] = ['glucose', 'thyroid'];

/**
 * Endocrinopathy with the diabetes/thyroid guard (domain reference §1, §4). Met only when an axis
 * other than glucose or thyroid is abnormal. Diabetes plus thyroid together and nothing else is
 * read as not met: the footnote is silent on the pair, and this conservative reading says so.
 * Without a qualifying abnormality, an untested qualifying axis leaves the question open.
 */
export const inferEndocrinopathy: InferenceRuleFn = ({ result }) => {
  const axes = result.axes;
  if (!axes) {
    return [];
  }
  const abnormal = QUALIFYING_AXES.filter((a) => axes[a] === 'abnormal');
  if (abnormal.length > 0) {
    return [inferred('endocrinopathy', 'present', `abnormal ${abnormal.join(', ')} axis`)];
  }
  const common = COMMON_AXES.filter((a) => axes[a] === 'abnormal');
  const guard =
    common.length === 2
      ? 'diabetes and a thyroid abnormality together, nothing else: not counted (conservative reading; the criteria footnote is silent on the pair)'
      : common.length === 1
        ? `${common[0] === 'glucose' ? 'diabetes mellitus' : 'a thyroid abnormality'} alone does not meet the criterion`
        : undefined;
  const untested = QUALIFYING_AXES.filter((a) => axes[a] === undefined || axes[a] === 'not_tested');
  if (untested.length > 0) {
    const open = `${untested.join(', ')} not tested`;
    return [inferred('endocrinopathy', 'indeterminate', guard ? `${guard}; ${open}` : open)];
  }
  return [inferred('endocrinopathy', 'absent', guard ?? 'all tested axes normal')];
};
