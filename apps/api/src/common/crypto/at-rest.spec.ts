import { randomBytes } from 'node:crypto';
import { open, seal } from './at-rest';

describe('seal and open (AES-256-GCM at rest)', () => {
  const key = randomBytes(32);
  const plain = Buffer.from('MSH|^~\\&|LAB', 'utf8');

  it('gives back what was sealed, with a fresh IV each time', () => {
    const first = seal(key, plain);
    const second = seal(key, plain);
    expect(first.equals(second)).toBe(false);
    expect(open(key, first).equals(plain)).toBe(true);
    expect(open(key, second).equals(plain)).toBe(true);
  });

  it('refuses stored bytes that were changed', () => {
    const stored = seal(key, plain);
    stored[stored.length - 1] ^= 0x01;
    expect(() => open(key, stored)).toThrow();
  });

  it('refuses other associated data (a secret moved to another row)', () => {
    const stored = seal(key, plain, Buffer.from('user-a'));
    expect(open(key, stored, Buffer.from('user-a')).equals(plain)).toBe(true);
    expect(() => open(key, stored, Buffer.from('user-b'))).toThrow();
    expect(() => open(key, stored)).toThrow();
  });

  it('refuses another key', () => {
    expect(() => open(randomBytes(32), seal(key, plain))).toThrow();
  });
});
