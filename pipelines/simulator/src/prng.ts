// Seeded pseudo-random numbers (sfc32): every simulated value derives from the seed, never Math.random.

const UINT32_RANGE = 2 ** 32;
const GOLDEN_RATIO_32 = 0x9e3779b9;
const FNV_OFFSET_32 = 0x811c9dc5;
const FNV_PRIME_32 = 0x01000193;
/** sfc32's first outputs still echo the seed; discarding a few decorrelates nearby seeds. */
const WARM_UP_ROUNDS = 8;

/** murmur3's finaliser: spreads every input bit over the whole 32-bit output. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A well-spread 32-bit hash of a string (FNV-1a, then murmur3's finaliser). */
export function hashString(text: string): number {
  let h = FNV_OFFSET_32;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME_32);
  }
  return fmix32(h);
}

/** Combines 32-bit keys into one, order-sensitive: derives independent streams from one seed. */
export function mixSeeds(...keys: readonly number[]): number {
  let h = 0;
  for (const key of keys) h = fmix32(h + GOLDEN_RATIO_32 + fmix32(key));
  return h;
}

/** A 32-bit key for any user seed (integers beyond 32 bits keep all their digits). */
export function seedKey(seed: number): number {
  return hashString(`seed:${seed}`);
}

/** sfc32, seeded through splitmix32: fast, small state, passes PractRand for our volumes. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    // splitmix32 spreads the one 32-bit seed over sfc32's four words (inlined: this runs per report).
    let state = seed >>> 0;
    const words = [0, 0, 0, 0];
    for (let i = 0; i < words.length; i++) {
      state = (state + GOLDEN_RATIO_32) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      words[i] = (z ^ (z >>> 15)) >>> 0;
    }
    [this.a, this.b, this.c, this.d] = words as [number, number, number, number];
    for (let i = 0; i < WARM_UP_ROUNDS; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / UINT32_RANGE;
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform whole number in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('cannot pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Normal deviate (Box–Muller; the second value of each pair is kept for the next call). */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + sd * z;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - this.next()));
    const angle = 2 * Math.PI * this.next();
    this.spareNormal = radius * Math.sin(angle);
    return mean + sd * radius * Math.cos(angle);
  }

  /** Fisher–Yates shuffle of a copy. */
  shuffled<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  }
}
