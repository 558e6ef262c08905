export const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Local "2026-11-26 14:02:05" for plain-text tables. */
export function localTime(ms: number | null): string {
  if (ms === null) return '-';
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export function shortDuration(ms: number | null): string {
  if (ms === null) return '-';
  if (ms < 1000) return `${ms}ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${s % 60 ? ` ${s % 60}s` : ''}`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h${m % 60 ? ` ${m % 60}m` : ''}`;
  return `${Math.floor(h / 24)}d${h % 24 ? ` ${h % 24}h` : ''}`;
}

export function relative(ms: number | null, now: number): string {
  if (ms === null) return '-';
  const diff = ms - now;
  if (Math.abs(diff) < 1000) return 'now';
  return diff > 0 ? `in ${shortDuration(diff)}` : `${shortDuration(-diff)} ago`;
}
