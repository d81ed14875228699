import { DomainError } from '../errors';
import { POEMS_DISPENZIERI_V1 } from './poems-dispenzieri.v1';
import { POEMS_DISPENZIERI_V2 } from './poems-dispenzieri.v2';
import {
  DEFAULT_PROTOCOL_KEY,
  getCatalogItem,
  getProtocol,
  PROTOCOLS,
} from './registry';

const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};

describe('protocol registry', () => {
  it('opens new workups with poems-dispenzieri', () => {
    expect(DEFAULT_PROTOCOL_KEY).toBe('poems-dispenzieri');
    expect(PROTOCOLS).toContain(POEMS_DISPENZIERI_V1);
  });

  it('finds each version by key and version, and version 2 as the newest', () => {
    expect(getProtocol('poems-dispenzieri', 1)).toBe(POEMS_DISPENZIERI_V1);
    expect(getProtocol('poems-dispenzieri', 2)).toBe(POEMS_DISPENZIERI_V2);
    expect(getProtocol('poems-dispenzieri')).toBe(POEMS_DISPENZIERI_V2);
  });

  it('keeps key and version unique across published protocols', () => {
    const ids = PROTOCOLS.map((p) => `${p.key}@${p.version}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([
    ['an unknown key', 'chiba-2019', undefined],
    ['an unknown key with a version', 'chiba-2019', 1],
    ['an unknown version', 'poems-dispenzieri', 3],
    ['version 0', 'poems-dispenzieri', 0],
  ])('throws not_found for %s', (_case, key, version) => {
    const error = thrown(() =>
      getProtocol(key as string, version as number | undefined),
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('not_found');
    expect((error as DomainError).details).toEqual({ key, version });
  });

  it('finds catalog items and throws not_found for an unknown one', () => {
    expect(getCatalogItem(POEMS_DISPENZIERI_V1, 'vegf').key).toBe('vegf');
    const error = thrown(() =>
      getCatalogItem(POEMS_DISPENZIERI_V1, 'mri_spine'),
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('not_found');
  });
});
