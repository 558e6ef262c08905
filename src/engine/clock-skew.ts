// A computer whose clock differs from the database server's: the PostgreSQL store
// corrects every time for it, but the clock is wrong and the user should know.

/** Beyond this, the dashboard header and `syncdeck status` warn. */
export const CLOCK_SKEW_WARN_MS = 5_000;

/** The warning for a skew (server minus local, ms), or null when the clocks agree closely enough. */
export function clockSkewWarning(skewMs: number): string | null {
  if (!Number.isFinite(skewMs) || Math.abs(skewMs) <= CLOCK_SKEW_WARN_MS) return null;
  const seconds = Math.round(Math.abs(skewMs) / 1000);
  const amount = seconds >= 120 ? `${Math.round(seconds / 60)} min` : `${seconds} s`;
  return `this computer's clock is ${amount} ${skewMs > 0 ? 'behind' : 'ahead of'} the database server's; syncdeck uses the server's time, but check this computer's time settings (NTP)`;
}
