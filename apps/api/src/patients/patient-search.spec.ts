import { likePrefix, searchForm, searchTerms } from './patient-search';

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
  });
});
