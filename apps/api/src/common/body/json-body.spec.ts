import {
  hasControlCharacter,
  hasEscapedNul,
  jsonBodyRefusal,
  jsonNestsDeeperThan,
} from './json-body';

describe('jsonNestsDeeperThan', () => {
  it.each([
    ['a flat object', '{"a": 1, "b": [1, 2]}', 2, false],
    ['exactly the limit', '[[[1]]]', 3, false],
    ['one level more', '[[[[1]]]]', 3, true],
    ['objects and arrays mixed', '{"a": [{"b": [1]}]}', 3, true],
    ['brackets inside strings', '{"a": "[[[[{{{{"}', 1, false],
    ['escaped quotes inside strings', '{"a": "\\"[[[["}', 1, false],
    [
      'an escaped backslash before the closing quote',
      '{"a": "\\\\", "b": [[1]]}',
      2,
      true,
    ],
    ['a scalar', '42', 0, false],
    [
      'thousands of levels',
      `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
      32,
      true,
    ],
  ])('%s', (_name, text, max, expected) => {
    expect(jsonNestsDeeperThan(text, max)).toBe(expected);
  });
});

describe('hasEscapedNul', () => {
  it.each([
    ['a NUL escape', JSON.stringify({ name: 'a\u0000b' }), true],
    ['a NUL escape first thing', '"\\u0000"', true],
    ['a NUL in a key', JSON.stringify({ ['a\u0000']: 1 }), true],
    [
      'a NUL after an escaped backslash',
      JSON.stringify({ a: '\\\u0000' }),
      true,
    ],
    ['the text \\u0000', JSON.stringify({ a: '\\u0000' }), false],
    ['other escapes', JSON.stringify({ a: '\u0001\t\n' }), false],
    ['no escape at all', '{"a": "u0000"}', false],
  ])('%s', (_name, text, expected) => {
    expect(hasEscapedNul(text)).toBe(expected);
  });
});

describe('hasControlCharacter', () => {
  it.each([
    ['ESC in a name', JSON.stringify({ family: 'Oka\u001bfor' }), true],
    ['SOH', JSON.stringify({ a: '\u0001' }), true],
    ['a backspace (short escape)', JSON.stringify({ a: 'a\bb' }), true],
    ['a form feed (short escape)', JSON.stringify({ a: 'a\fb' }), true],
    ['unit separator', JSON.stringify({ a: '\u001f' }), true],
    [
      'DEL, raw as JSON.stringify writes it',
      JSON.stringify({ a: 'a\u007fb' }),
      true,
    ],
    ['DEL, escaped', '{"a":"a\\u007Fb"}', true],
    ['a control character in a key', JSON.stringify({ ['a\u0002']: 1 }), true],
    [
      'tab, line feed and carriage return',
      JSON.stringify({ note: 'a\tb\r\nc' }),
      false,
    ],
    [
      'the text \\b after an escaped backslash',
      JSON.stringify({ a: '\\b' }),
      false,
    ],
    ['the text \\u001b', JSON.stringify({ a: '\\u001b' }), false],
    [
      'plain text with accents',
      JSON.stringify({ family: 'Núñez-Ødegård' }),
      false,
    ],
  ])('%s', (_name, text, expected) => {
    expect(hasControlCharacter(text)).toBe(expected);
  });

  it('is why a body is refused, NUL named first', () => {
    expect(jsonBodyRefusal(JSON.stringify({ a: '\u001b' }))).toMatch(
      /control character/,
    );
    expect(jsonBodyRefusal(JSON.stringify({ a: '\u0000\u001b' }))).toMatch(
      /NUL/,
    );
    expect(
      jsonBodyRefusal(JSON.stringify({ a: 'line\nbreak' })),
    ).toBeUndefined();
  });
});
