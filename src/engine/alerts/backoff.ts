// When a failed delivery is tried again (docs/alerts.md, "Delivery"): 1 min, 2, 4 … up to
// 1 h by default, for a day after the alert was decided; then it is given up. Pure.
import type { AlertsConfig } from '../../config/schema.js';

export type RetryPolicy = Pick<AlertsConfig, 'retryInterval' | 'maxRetryInterval' | 'retryFor'>;

/** The wait after the n-th failed attempt in a row (n ≥ 1). */
export function retryDelay(policy: RetryPolicy, failedAttempts: number): number {
  return Math.min(policy.maxRetryInterval, policy.retryInterval * 2 ** Math.min(Math.max(0, failedAttempts - 1), 30));
}

/** What a delivery becomes after a failed attempt: due again later, or given up when that would be past retryFor. */
export function afterFailedAttempt(
  policy: RetryPolicy,
  failedAttempts: number,
  createdAt: number,
  now: number,
): { state: 'pending'; nextAttemptAt: number } | { state: 'failed'; nextAttemptAt: null } {
  const next = now + retryDelay(policy, failedAttempts);
  return next > createdAt + policy.retryFor
    ? { state: 'failed', nextAttemptAt: null }
    : { state: 'pending', nextAttemptAt: next };
}
