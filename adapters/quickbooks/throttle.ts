// QuickBooks allows 500 requests a minute and 10 a second per company. One Bottleneck per realm in
// this process spaces requests so that no sliding minute holds more than 500 and no second more than
// 10: a minimum gap of max(1000/10, 60000/500) = 120 ms, which satisfies both windows at once.
import Bottleneck from 'bottleneck';

export interface RateLimits {
  perSecond: number;
  perMinute: number;
}

export const QUICKBOOKS_LIMITS: RateLimits = { perSecond: 10, perMinute: 500 };

const limiters = new Map<string, Bottleneck>();

export function limiterFor(realmId: string, limits: RateLimits = QUICKBOOKS_LIMITS): Bottleneck {
  const key = `${realmId}|${limits.perSecond}|${limits.perMinute}`;
  let limiter = limiters.get(key);
  if (!limiter) {
    limiter = new Bottleneck({
      maxConcurrent: limits.perSecond,
      minTime: Math.ceil(Math.max(1000 / limits.perSecond, 60_000 / limits.perMinute)),
    });
    limiters.set(key, limiter);
  }
  return limiter;
}
