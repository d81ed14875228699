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

/** The words of a search query in searchable form; empty when the query says nothing. */
export function searchTerms(query: string | undefined): string[] {
  return query === undefined
    ? []
    : searchForm(query)
        .split(' ')
        .filter((term) => term !== '')
        // Bounded: each word adds three index probes to the query.
        .slice(0, 5);
}

/** A LIKE prefix pattern matching the term literally. */
export function likePrefix(term: string): string {
  return `${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
