// A small seeded generator (mulberry32): the same seed gives the same kill points, faults and edits,
// so a failure seen once can be replayed with PROOF_SEED.
export interface Rng {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
}

export function seeded(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)]!,
    chance: (p) => next() < p,
  };
}

/** PROOF_LONG=1 (npm run test:long) runs the long variants; PROOF_SEED replays one run. */
export const LONG = process.env['PROOF_LONG'] === '1';
export const SEED = Number(process.env['PROOF_SEED'] ?? 20_261_127);
