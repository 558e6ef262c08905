// The ceiling of a task's backoff when its config sets none (docs/ARCHITECTURE.md, Schedule
// and backoff). Apart from schedule.ts: the definitions (definitions.ts), which a read command
// reads, need it, and schedule.ts loads the cron parser.

/** Without a configured maxInterval, backoff stops at 16× the interval (at most a day, never below the interval). */
export function defaultMaxInterval(intervalMs: number): number {
  return Math.max(intervalMs, Math.min(intervalMs * 16, 86_400_000));
}
