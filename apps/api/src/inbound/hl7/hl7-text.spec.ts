import { escapeHl7, STANDARD_DELIMITERS, unescapeHl7 } from './hl7-escape';
import { hl7Now, parseHl7Date, parseHl7Time } from './hl7-time';

describe('HL7 escapes (lab-interface reference §1.5)', () => {
  const d = STANDARD_DELIMITERS;

  it('reverses the delimiter escapes', () => {
    expect(unescapeHl7('IgG\\F\\IgA\\S\\x\\T\\y\\R\\z\\E\\', d)).toBe(
      'IgG|IgA^x&y~z\\',
    );
  });

  it('reads formatted text: line breaks, hex bytes, highlighting dropped', () => {
    expect(unescapeHl7('a\\.br\\b\\H\\bold\\N\\ \\XC3A9\\', d, true)).toBe(
      'a\nbbold é',
    );
    // Outside FT the formatting escapes are kept literally.
    expect(unescapeHl7('a\\.br\\b', d)).toBe('a\\.br\\b');
  });

  it('keeps unknown and unterminated escapes as they are', () => {
    expect(unescapeHl7('\\Q\\ and \\F', d)).toBe('\\Q\\ and \\F');
  });

  it('decodes sample 03 narrative', () => {
    const raw =
      'Monoclonal IgA lambda band, beta region, est. 0.3 g/dL.\\.br\\Antisera: IgG\\F\\IgA\\F\\IgM\\F\\kappa\\F\\lambda\\.br\\Reviewed: A. Lee \\T\\ B. Kim';
    expect(unescapeHl7(raw, d, true)).toBe(
      'Monoclonal IgA lambda band, beta region, est. 0.3 g/dL.\nAntisera: IgG|IgA|IgM|kappa|lambda\nReviewed: A. Lee & B. Kim',
    );
  });

  it('escapes on write and round-trips', () => {
    const text = 'a|b^c&d~e\\f\nline';
    expect(escapeHl7(text)).toBe('a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f\\.br\\line');
    expect(unescapeHl7(escapeHl7(text), d, true)).toBe(text);
  });

  it('honours the delimiters a message declares', () => {
    const odd = {
      field: '#',
      component: '$',
      repetition: '*',
      escape: '/',
      subcomponent: '%',
    };
    expect(unescapeHl7('a/F/b/S/c', odd)).toBe('a#b$c');
  });
});

describe('HL7 times', () => {
  it('keeps a sent offset', () => {
    expect(parseHl7Time('20250312081500-0500', 'UTC')).toBe(
      '2025-03-12T08:15:00-05:00',
    );
    expect(parseHl7Time('202503120815+0130', 'UTC')).toBe(
      '2025-03-12T08:15:00+01:30',
    );
  });

  it('reads a time without offset in the interface zone, across daylight saving time', () => {
    expect(parseHl7Time('20250115081500', 'America/Chicago')).toBe(
      '2025-01-15T14:15:00.000Z',
    );
    expect(parseHl7Time('20250715081500', 'America/Chicago')).toBe(
      '2025-07-15T13:15:00.000Z',
    );
    expect(parseHl7Time('20250312', 'UTC')).toBe('2025-03-12T00:00:00.000Z');
  });

  it('refuses what is no time', () => {
    expect(parseHl7Time('', 'UTC')).toBeUndefined();
    expect(parseHl7Time('20251340', 'UTC')).toBeUndefined();
    expect(parseHl7Time('yesterday', 'UTC')).toBeUndefined();
  });

  it('reads dates', () => {
    expect(parseHl7Date('19620415')).toBe('1962-04-15');
    expect(parseHl7Date('196204151200')).toBe('1962-04-15');
    expect(parseHl7Date('19620431')).toBeUndefined();
    expect(parseHl7Date('')).toBeUndefined();
  });

  it('writes now with its offset', () => {
    expect(hl7Now(new Date('2025-03-14T09:16:05Z'))).toBe(
      '20250314091605+0000',
    );
  });
});
