// Times and durations as the dashboard shows them: "in 4m", "2m ago", "1m 30s", "14:02".
// Units and words come from the language catalogue, so Russian reads "через 4 мин".

export interface TimeWords {
  units: { ms: string; s: string; m: string; h: string; d: string };
  /** Put a space between a number and its unit ("4 мин") or not ("4m"). */
  unitSpace: boolean;
  /** "1.2 s" or "1,2 с". */
  decimal: string;
  now: string;
  inFuture: (span: string) => string;
  inPast: (span: string) => string;
  months: readonly string[];
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const part = (n: number | string, unit: string, words: TimeWords) => `${n}${words.unitSpace ? ' ' : ''}${unit}`;

/** A span in its two most significant units: "45s", "4m", "1m 30s", "2h 05m", "3d 4h". */
export function formatSpan(ms: number, words: TimeWords): string {
  const total = Math.max(0, Math.round(ms / SECOND));
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const u = words.units;
  if (d > 0) return h > 0 ? `${part(d, u.d, words)} ${part(h, u.h, words)}` : part(d, u.d, words);
  if (h > 0) return m > 0 ? `${part(h, u.h, words)} ${part(m, u.m, words)}` : part(h, u.h, words);
  if (m > 0) return s > 0 ? `${part(m, u.m, words)} ${part(s, u.s, words)}` : part(m, u.m, words);
  return part(s, u.s, words);
}

/** A run's duration; below a second in milliseconds. */
export function formatDuration(ms: number, words: TimeWords): string {
  if (ms < SECOND) return part(Math.max(0, Math.round(ms)), words.units.ms, words);
  if (ms < MINUTE) {
    const tenths = String(Math.floor(ms / 100) / 10).replace('.', words.decimal);
    return ms < 10 * SECOND ? part(tenths, words.units.s, words) : part(Math.floor(ms / SECOND), words.units.s, words);
  }
  return formatSpan(ms, words);
}

/** A coarse span in one unit, for relative times that should not change every second. */
function coarseSpan(ms: number, words: TimeWords): string {
  const u = words.units;
  if (ms < MINUTE) return part(Math.floor(ms / SECOND), u.s, words);
  if (ms < HOUR) return part(Math.floor(ms / MINUTE), u.m, words);
  if (ms < DAY) return part(Math.floor(ms / HOUR), u.h, words);
  return part(Math.floor(ms / DAY), u.d, words);
}

/** "in 4m", "2m ago", or "now" within a second. */
export function formatRelative(at: number, now: number, words: TimeWords): string {
  const delta = at - now;
  if (Math.abs(delta) < SECOND) return words.now;
  return delta > 0 ? words.inFuture(coarseSpan(delta, words)) : words.inPast(coarseSpan(-delta, words));
}

/**
 * "2m ago", and "<1m ago" for the whole first minute: a time shown beside its clock time
 * (which has the seconds) need not count them, and a text that changes every second costs a
 * frame every second on every dashboard that shows it (issue 14).
 */
export function formatAgo(at: number, now: number, words: TimeWords): string {
  const past = now - at;
  return past < MINUTE ? words.inPast(`<${part(1, words.units.m, words)}`) : words.inPast(coarseSpan(past, words));
}

const two = (n: number) => String(n).padStart(2, '0');

const sameDay = (a: Date, b: Date) =>
  a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

/** "25 Nov", or "25 Nov 2024" when that is not the year of `now`. */
function dayOf(date: Date, now: number | undefined, words: TimeWords): string {
  const day = `${date.getDate()} ${words.months[date.getMonth()] ?? ''}`;
  return now !== undefined && date.getFullYear() !== new Date(now).getFullYear() ? `${day} ${date.getFullYear()}` : day;
}

/** "14:02" today, "25 Nov 14:02" on another day, "25 Nov 2024 14:02" in another year (local time of the machine). */
export function formatClock(at: number, now: number, words: TimeWords, withSeconds = false): string {
  const date = new Date(at);
  const time = `${two(date.getHours())}:${two(date.getMinutes())}${withSeconds ? `:${two(date.getSeconds())}` : ''}`;
  if (sameDay(date, new Date(now))) return time;
  return `${dayOf(date, now, words)} ${time}`;
}

/** "28 Nov 14:02", the day always shown (a retention date reads wrong without it); with `now`, the year when it is another. */
export function formatDayClock(at: number, words: TimeWords, now?: number): string {
  const date = new Date(at);
  return `${dayOf(date, now, words)} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** An interval setting: "1m", "30s", "1h 30m". */
export function formatInterval(ms: number, words: TimeWords): string {
  return formatSpan(ms, words);
}

/** "10 000": groups of three digits set off by a space (as the issue writes counts, in both languages). */
export function groupDigits(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** A count taken with a bound: exact up to `bound`, "10 000+" above it. */
export function formatBoundedCount(n: number, bound: number): string {
  return n > bound ? `${groupDigits(bound)}+` : groupDigits(n);
}
