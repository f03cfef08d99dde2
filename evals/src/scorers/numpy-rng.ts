/**
 * numpy's `np.random.default_rng(seed).choice(n, size=k, replace=True)`, reproduced: SeedSequence, the PCG64
 * (XSL-RR 128/64) generator and Lemire's bounded integers, as in numpy 2 (bit_generator.pyx, pcg64.h,
 * distributions.c). sacreBLEU draws its bootstrap resamples this way with seed 12345, so with these draws the
 * paired bootstrap gives sacreBLEU's p-values. 128-bit arithmetic uses BigInt.
 */
const M32 = 0xffffffffn;
const M64 = (1n << 64n) - 1n;
const M128 = (1n << 128n) - 1n;
const PCG_MULT = (2549297995355413924n << 64n) + 4865540595714422341n;

const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const XSHIFT = 16;
const POOL_SIZE = 4;

const mul32 = (a: number, b: number) => Math.imul(a, b) >>> 0;

/** numpy SeedSequence(seed).generate_state(words, uint32) for a non-negative integer seed. */
export function seedSequenceState(seed: number, words: number): number[] {
  // the entropy as little-endian 32-bit words
  const entropy: number[] = [];
  let e = BigInt(seed);
  do {
    entropy.push(Number(e & M32));
    e >>= 32n;
  } while (e > 0n);

  let hashConst = INIT_A;
  const hashmix = (value: number): number => {
    let v = (value ^ hashConst) >>> 0;
    hashConst = mul32(hashConst, MULT_A);
    v = mul32(v, hashConst);
    return (v ^ (v >>> XSHIFT)) >>> 0;
  };
  const mix = (x: number, y: number): number => {
    const r = (mul32(MIX_MULT_L, x) - mul32(MIX_MULT_R, y)) >>> 0;
    return (r ^ (r >>> XSHIFT)) >>> 0;
  };
  const pool = Array.from({ length: POOL_SIZE }, (_, i) => hashmix(entropy[i] ?? 0));
  for (let src = 0; src < POOL_SIZE; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) if (src !== dst) pool[dst] = mix(pool[dst]!, hashmix(pool[src]!));
  }
  for (let src = POOL_SIZE; src < entropy.length; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) pool[dst] = mix(pool[dst]!, hashmix(entropy[src]!));
  }

  let hb = INIT_B;
  const out: number[] = [];
  for (let i = 0; i < words; i++) {
    let v = (pool[i % POOL_SIZE]! ^ hb) >>> 0;
    hb = mul32(hb, MULT_B);
    v = mul32(v, hb);
    out.push((v ^ (v >>> XSHIFT)) >>> 0);
  }
  return out;
}

const L16 = 65536;
/** A 128-bit value as eight 16-bit limbs, least significant first. */
const toLimbs = (v: bigint): number[] => Array.from({ length: 8 }, (_, k) => Number((v >> BigInt(16 * k)) & 0xffffn));
const MULT_LIMBS = toLimbs(PCG_MULT);

/**
 * numpy's PCG64 bit generator seeded as `PCG64(SeedSequence(seed))`, giving 32-bit draws as `next_uint32`. Seeding
 * uses BigInt; the state steps in 16-bit limbs of plain numbers (every partial sum stays below 2^53), which makes a
 * report's million draws several times faster than BigInt arithmetic.
 */
export class Pcg64 {
  private readonly s: number[];
  private readonly inc: number[];
  private readonly acc = new Array<number>(8).fill(0);
  private spareHi = 0;
  private hasSpare = false;

  constructor(seed: number) {
    const w = seedSequenceState(seed, 8).map(BigInt);
    const u64 = [0, 1, 2, 3].map((k) => w[2 * k]! | (w[2 * k + 1]! << 32n));
    const initState = (u64[0]! << 64n) | u64[1]!;
    const initSeq = (u64[2]! << 64n) | u64[3]!;
    const inc = ((initSeq << 1n) | 1n) & M128;
    let state = (inc * 1n) & M128; // step from 0: 0 * mult + inc
    state = (state + initState) & M128;
    state = (state * PCG_MULT + inc) & M128;
    this.s = toLimbs(state);
    this.inc = toLimbs(inc);
  }

  /** state = state * mult + inc (mod 2^128). */
  private step(): void {
    const s = this.s;
    const a = this.acc;
    for (let k = 0; k < 8; k++) {
      let sum = this.inc[k]!;
      for (let i = 0; i <= k; i++) sum += s[i]! * MULT_LIMBS[k - i]!;
      a[k] = sum;
    }
    let carry = 0;
    for (let k = 0; k < 8; k++) {
      const v = a[k]! + carry;
      carry = Math.floor(v / L16);
      s[k] = v - carry * L16;
    }
  }

  /** One 64-bit output (XSL-RR) as its low and high 32-bit halves. */
  private output(): [number, number] {
    this.step();
    const s = this.s;
    let lo = ((s[0]! | (s[1]! << 16)) ^ (s[4]! | (s[5]! << 16))) >>> 0;
    let hi = ((s[2]! | (s[3]! << 16)) ^ (s[6]! | (s[7]! << 16))) >>> 0;
    let rot = s[7]! >>> 10;
    if (rot >= 32) {
      [lo, hi] = [hi, lo];
      rot -= 32;
    }
    if (rot === 0) return [lo, hi];
    return [((lo >>> rot) | (hi << (32 - rot))) >>> 0, ((hi >>> rot) | (lo << (32 - rot))) >>> 0];
  }

  /** One 64-bit output (XSL-RR). */
  next64(): bigint {
    const [lo, hi] = this.output();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** The low half of a 64-bit output, then its high half. */
  next32(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spareHi;
    }
    const [lo, hi] = this.output();
    this.spareHi = hi;
    this.hasSpare = true;
    return lo;
  }
}

/** r * n for 32-bit r and n, as its low 32 bits and the bits above, exactly (16-bit halves keep products < 2^49). */
function mul32x32(r: number, n: number): [number, number] {
  const a = (r & 0xffff) * n;
  const b = (r >>> 16) * n;
  const bLow = b % L16;
  const low = bLow * L16 + a;
  return [low % 4294967296, Math.floor(b / L16) + Math.floor(low / 4294967296)];
}

/** An integer in [0, n) by Lemire's method, as numpy's `buffered_bounded_lemire_uint32`. */
function boundedLemire(rng: Pcg64, n: number): number {
  let [leftover, high] = mul32x32(rng.next32(), n);
  if (leftover < n) {
    const threshold = (4294967296 - n) % n;
    while (leftover < threshold) [leftover, high] = mul32x32(rng.next32(), n);
  }
  return high;
}

/**
 * `np.random.default_rng(seed).choice(n, size=count, replace=True)`, flattened.
 * @example numpyChoice(12345, 30, 3) // the first three indices sacreBLEU draws for 30 segments
 */
export function numpyChoice(seed: number, n: number, count: number): Uint32Array {
  const steps = numpyChoiceSteps(seed, n, count, count);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * {@link numpyChoice} in pieces of `chunk` draws, one per `next()`, for a caller that has other work to interleave;
 * the finished array is the generator's return value.
 */
export function* numpyChoiceSteps(seed: number, n: number, count: number, chunk: number): Generator<void, Uint32Array> {
  if (!Number.isInteger(n) || n < 1 || n > 0xffffffff) throw new Error(`numpyChoice needs 1 <= n < 2^32, got ${n}`);
  const rng = new Pcg64(seed);
  const out = new Uint32Array(count);
  if (n === 1) return out;
  for (let from = 0; from < count; from += chunk) {
    for (let i = from, end = Math.min(count, from + chunk); i < end; i++) out[i] = boundedLemire(rng, n);
    if (from + chunk < count) yield;
  }
  return out;
}
