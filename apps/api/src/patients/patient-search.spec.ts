import {
  isMrnFragment,
  likeInfix,
  likePrefix,
  likeWordStarts,
  searchForm,
  searchTerms,
} from './patient-search';

describe('patient search forms', () => {
  it('folds case and accents so either spelling finds the other', () => {
    expect(searchForm('José Ærøskøbing-ÇELİK')).toBe(
      searchForm('jose ærøskøbing-celik'),
    );
    expect(searchForm('  Zoë   Brontë ')).toBe('zoe bronte');
  });

  it('splits a query into at most five words', () => {
    expect(searchTerms(' Marie  CURIE ')).toEqual(['marie', 'curie']);
    expect(searchTerms('a b c d e f g')).toHaveLength(5);
    expect(searchTerms('   ')).toEqual([]);
    expect(searchTerms(undefined)).toEqual([]);
  });

  it('escapes LIKE wildcards so they match themselves', () => {
    expect(likePrefix('50%_a\\b')).toBe('50\\%\\_a\\\\b%');
    expect(likeInfix('5%')).toBe('%5\\%%');
    expect(likeWordStarts('o_')).toEqual(['% o\\_%', '%-o\\_%', "%'o\\_%"]);
  });

  it('reads the list form "Family, Given" and semicolons as word breaks', () => {
    expect(searchTerms('Okafor, H')).toEqual(['okafor', 'h']);
    expect(searchTerms('okafor;hana')).toEqual(['okafor', 'hana']);
  });

  it('looks for MRN fragments anywhere only when they hold a digit and three characters', () => {
    expect(isMrnFragment('0003')).toBe(true);
    expect(isMrnFragment('n-3')).toBe(true);
    expect(isMrnFragment('03')).toBe(false);
    expect(isMrnFragment('okafor')).toBe(false);
  });
});
