import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from '../../src/server/security/ratelimit.ts';

describe('SlidingWindowLimiter', () => {
  it('counts hits inside the window only, and forgets a key whose hits have all expired', () => {
    let now = 1_000_000;
    const limiter = new SlidingWindowLimiter(60_000, () => now);
    limiter.hit(['a']);
    now += 30_000;
    limiter.hit(['a']);
    limiter.hit(['b']);
    expect(limiter.count(['a'])).toBe(2);
    expect(limiter.count(['a', 'b'])).toBe(3);
    now += 30_001;
    expect(limiter.count(['a'])).toBe(1);
    now += 30_000;
    expect(limiter.count(['a', 'b'])).toBe(0);
  });

  it('reserves up to the limit and gives back exactly the released hit', () => {
    const limiter = new SlidingWindowLimiter(60_000, () => 5);
    const hits = Array.from({ length: 8 }, () => limiter.reserve(['k'], 5));
    expect(hits.filter((h) => h !== undefined)).toHaveLength(5);
    limiter.release(hits[2]);
    expect(limiter.count(['k'])).toBe(4);
    expect(limiter.reserve(['k'], 5)).toBeDefined();
    expect(limiter.reserve(['k'], 5)).toBeUndefined();
  });
});
