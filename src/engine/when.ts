// WHEN, as `history --since/--until` and the history filter panel's from/to take it: an ISO
// date or date-time (local time unless it carries a zone), or a span back from now.

/** The accepted forms, for messages that reject a WHEN. */
export const WHEN_FORMS =
  'a date (2026-11-30), a date and time (2026-11-30 02:00, local time; 2026-11-30T02:00Z or 2026-11-30T02:00+03:00 in another zone), or a span back from now (90m, 2h, 7d)';

const SPAN_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const SPAN = /^(\d{1,6})\s*([mhd])$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Minutes east of UTC of "Z", "+03", "+0330", "-05:00"; null when out of range. */
function zoneMinutes(zone: string): number | null {
  if (zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 14 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}

/** The time WHEN names, in epoch ms; null when the text is none of the accepted forms. */
export function parseWhen(text: string, now: number): number | null {
  const value = text.trim();
  const span = SPAN.exec(value);
  if (span) return now - Number(span[1]) * SPAN_MS[span[2] as keyof typeof SPAN_MS];
  const m = DATE_TIME.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59)
    return null;
  if (m[8] === undefined) return new Date(year, month - 1, day, hour, minute, second, ms).getTime();
  const offset = zoneMinutes(m[8]);
  if (offset === null) return null;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset * 60_000;
}
