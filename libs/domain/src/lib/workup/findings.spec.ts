import { effectiveFindings, findingFor, type Finding } from './findings';

const inferred = (
  value: Finding['value'],
  criterion: Finding['criterion'] = 'vegf_elevation',
): Finding => ({ criterion, value, source: 'inferred', basis: 'rule' });
const asserted = (
  value: Finding['value'],
  criterion: Finding['criterion'] = 'vegf_elevation',
): Finding => ({ criterion, value, source: 'asserted' });

describe('findings in force (domain reference §5)', () => {
  it('an assertion overrides an inference; the inferred value is recorded as overridden', () => {
    expect(
      effectiveFindings([inferred('absent'), asserted('present')]),
    ).toEqual([{ ...asserted('present'), overrides: 'absent' }]);
  });

  it('the assertion wins whatever the order', () => {
    expect(
      findingFor([asserted('present'), inferred('absent')], 'vegf_elevation'),
    ).toBe('present');
    expect(
      effectiveFindings([asserted('present'), inferred('absent')])[0].overrides,
    ).toBe('absent');
  });

  it('an assertion agreeing with the inference overrides nothing', () => {
    expect(
      effectiveFindings([inferred('present'), asserted('present')]),
    ).toEqual([asserted('present')]);
  });

  it('an inference alone is in force', () => {
    expect(effectiveFindings([inferred('indeterminate')])).toEqual([
      inferred('indeterminate'),
    ]);
  });

  it('keeps one finding per criterion, in order of first appearance', () => {
    const findings = [
      inferred('present', 'organomegaly'),
      inferred('absent', 'extravascular_volume_overload'),
      asserted('present', 'extravascular_volume_overload'),
    ];
    expect(
      effectiveFindings(findings).map((f) => [f.criterion, f.value, f.source]),
    ).toEqual([
      ['organomegaly', 'present', 'inferred'],
      ['extravascular_volume_overload', 'present', 'asserted'],
    ]);
  });

  it('has no finding for a criterion the item did not record', () => {
    expect(
      findingFor([inferred('present', 'organomegaly')], 'skin_changes'),
    ).toBeUndefined();
    expect(findingFor([], 'skin_changes')).toBeUndefined();
  });
});
