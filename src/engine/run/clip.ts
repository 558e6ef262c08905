const MAX_MESSAGE = 2_000;

/** A message or log line kept to a size the screen and the database can take; the cut marked in ASCII (it is read under any locale). */
export function clipMessage(s: string): string {
  return s.length > MAX_MESSAGE ? `${s.slice(0, MAX_MESSAGE)}...` : s;
}
