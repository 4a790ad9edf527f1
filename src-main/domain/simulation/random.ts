import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

/**
 * A seeded stream of random draws (xoroshiro128+ from pure-rand): the simulator's only source of
 * randomness, so the same seed gives the same run. Never Math.random.
 */
export interface RandomStream {
  /** Uniform in (0, 1]: never 0, so a logarithm of it is always finite. */
  unit(): number;
  /** Exponential with `rate` per minute (mean 1/rate), by inversion: −ln(U)/rate. */
  exponential(rate: number): number;
}

function streamOf(generator: JumpableRandomGenerator): RandomStream {
  const unit = () => 1 - uniformFloat64(generator);
  return { unit, exponential: (rate) => -Math.log(unit()) / rate };
}

/**
 * `count` independent streams from one seed: the first is the seed's generator, each next one
 * 2^64 draws further on (xoroshiro's jump), so they never overlap. Giving arrivals and service
 * their own stream keeps a seed's arrivals the same whatever the service or the calling policy.
 */
export function randomStreams(seed: number, count: number): RandomStream[] {
  const generator = xoroshiro128plus(seed);
  const streams: RandomStream[] = [];
  for (let i = 0; i < count; i += 1) {
    const own = generator.clone();
    streams.push(streamOf(own));
    generator.jump();
  }
  return streams;
}
