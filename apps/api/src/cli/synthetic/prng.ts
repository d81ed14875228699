/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32) and the draws the
 * synthetic clinic needs. Not for anything secret: its only job is to give the same stream for
 * the same seed on every machine and Node version, which Math.random() cannot.
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** A generator for `seed`, optionally one of many independent streams (`stream`, e.g. a patient's index). */
  constructor(seed: number, stream = 0) {
    let state =
      (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(stream | 0, 0x85ebca77)) >>>
      0;
    const next = (): number => {
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    // The first outputs of a freshly seeded sfc32 are weakly mixed.
    for (let i = 0; i < 12; i++) {
      this.uint32();
    }
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform number in [0, 1). */
  next(): number {
    return this.uint32() / 4_294_967_296;
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A uniform number in [min, max), rounded to `decimals`. */
  real(min: number, max: number, decimals = 1): number {
    const scale = 10 ** decimals;
    return Math.round((min + this.next() * (max - min)) * scale) / scale;
  }

  /** One element, uniformly. */
  pick<T>(values: readonly T[]): T {
    const value = values[Math.floor(this.next() * values.length)];
    if (value === undefined) {
      throw new Error('Prng.pick: empty list');
    }
    return value;
  }

  /** One key of a weight table, with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) {
        return key;
      }
    }
    return entries[entries.length - 1][0];
  }

  /** Each element independently with probability `p`, in the original order. */
  subset<T>(values: readonly T[], p: number): T[] {
    return values.filter(() => this.chance(p));
  }

  /** A version 4 UUID drawn from this stream. */
  uuid(): string {
    const hex = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');
    const a = hex(this.uint32());
    const b = hex((this.uint32() & 0xffff0fff) | 0x00004000);
    const c = hex((this.uint32() & 0x3fffffff) | 0x80000000);
    const d = hex(this.uint32());
    return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
  }
}
