/**
 * The searchable form of an MRN or a name: lower case, without accents, single-spaced. Stored in
 * the `*_search` columns at registration and applied to queries, so "Jose" finds "José" and the
 * prefix indexes serve both.
 */
export function searchForm(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The words of a search query in searchable form; empty when the query says nothing. Commas and
 * semicolons separate words, so the list's own "Okafor, H" finds the patient it shows.
 */
export function searchTerms(query: string | undefined): string[] {
  return query === undefined
    ? []
    : searchForm(query.replace(/[,;]/g, ' '))
        .split(' ')
        .filter((term) => term !== '')
        // Bounded: each word adds three index probes to the query.
        .slice(0, 5);
}

function likeLiteral(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A LIKE prefix pattern matching the term literally. */
export function likePrefix(term: string): string {
  return `${likeLiteral(term)}%`;
}

/**
 * Whether a term is looked for anywhere in MRNs: three characters or more with a digit ("0003").
 * Shorter or letter-only terms match the MRN's start only, or "j" would find every MRN with a j.
 */
export function isMrnFragment(term: string): boolean {
  return term.length >= 3 && /\d/.test(term);
}

/** A LIKE pattern matching the term literally anywhere (an MRN fragment). */
export function likeInfix(term: string): string {
  return `%${likeLiteral(term)}%`;
}

/** LIKE patterns for the term at the start of a later word of a name ("ortiz" in "nunez-ortiz"). */
export function likeWordStarts(term: string): string[] {
  return [' ', '-', "'"].map(
    (separator) => `%${separator}${likeLiteral(term)}%`,
  );
}

/**
 * The SQL condition that patient `alias` matches every term: the MRN's start, or anywhere in it
 * for a fragment with a digit (such as "0003"), or the start of a word of either name ("ortiz"
 * finds "Nunez-Ortiz"). Trigram indexes serve the infix patterns, the text_pattern_ops indexes
 * the prefixes. `param` binds a value and answers its placeholder. Empty terms: no condition.
 */
export function patientMatchSql(
  terms: readonly string[],
  param: (value: string) => string,
  alias = 'p',
): string[] {
  return terms.map((term) => {
    const prefix = param(likePrefix(term));
    const names = [prefix, ...likeWordStarts(term).map(param)].flatMap((p) => [
      `${alias}.family_search LIKE ${p}`,
      `${alias}.given_search LIKE ${p}`,
    ]);
    const mrn = isMrnFragment(term) ? param(likeInfix(term)) : prefix;
    return `(${alias}.mrn_search LIKE ${mrn} OR ${names.join(' OR ')})`;
  });
}
