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

/** numpy's PCG64 bit generator seeded as `PCG64(SeedSequence(seed))`, giving 32-bit draws as `next_uint32`. */
export class Pcg64 {
  private state = 0n;
  private readonly inc: bigint;
  private spare: number | null = null;

  constructor(seed: number) {
    const w = seedSequenceState(seed, 8).map(BigInt);
    // generate_state(4, uint64): little-endian pairs of 32-bit words
    const u64 = [0, 1, 2, 3].map((k) => w[2 * k]! | (w[2 * k + 1]! << 32n));
    const initState = (u64[0]! << 64n) | u64[1]!;
    const initSeq = (u64[2]! << 64n) | u64[3]!;
    this.inc = ((initSeq << 1n) | 1n) & M128;
    this.step();
    this.state = (this.state + initState) & M128;
    this.step();
  }

  private step(): void {
    this.state = (this.state * PCG_MULT + this.inc) & M128;
  }

  /** One 64-bit output (XSL-RR). */
  next64(): bigint {
    this.step();
    const s = this.state;
    const x = ((s >> 64n) ^ s) & M64;
    const rot = s >> 122n;
    return ((x >> rot) | (x << ((64n - rot) & 63n))) & M64;
  }

  /** The low half of a 64-bit output, then its high half. */
  next32(): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return v;
    }
    const v = this.next64();
    this.spare = Number(v >> 32n);
    return Number(v & M32);
  }
}

/** An integer in [0, n) by Lemire's method, as numpy's `buffered_bounded_lemire_uint32`. */
function boundedLemire(rng: Pcg64, n: number): number {
  const excl = BigInt(n);
  let m = BigInt(rng.next32()) * excl;
  let leftover = Number(m & M32);
  if (leftover < n) {
    const threshold = Number((M32 - (excl - 1n)) % excl);
    while (leftover < threshold) {
      m = BigInt(rng.next32()) * excl;
      leftover = Number(m & M32);
    }
  }
  return Number(m >> 32n);
}

/**
 * `np.random.default_rng(seed).choice(n, size=count, replace=True)`, flattened.
 * @example numpyChoice(12345, 30, 3) // the first three indices sacreBLEU draws for 30 segments
 */
export function numpyChoice(seed: number, n: number, count: number): Uint32Array {
  if (!Number.isInteger(n) || n < 1 || n > 0xffffffff) throw new Error(`numpyChoice needs 1 <= n < 2^32, got ${n}`);
  const rng = new Pcg64(seed);
  const out = new Uint32Array(count);
  if (n === 1) return out;
  for (let i = 0; i < count; i++) out[i] = boundedLemire(rng, n);
  return out;
}
