// A `--db postgres://user:password@host:port/dbname` value: recognised, checked, and
// shown with its password replaced by ***. The password may also come from PGPASSWORD
// (node-postgres reads it when the URL has none).
import { DbOpenError } from '../errors.js';

const SCHEME = /^postgres(?:ql)?:\/\//i;

export function isPostgresUrl(location: string): boolean {
  return SCHEME.test(location.trim());
}

/** The URL with the password (in the user part or a `password=` parameter) replaced by ***. */
export function redactUrl(url: string): string {
  const scheme = SCHEME.exec(url)?.[0] ?? '';
  const rest = url.slice(scheme.length);
  // The user part ends at the last "@" before the path: a password may hold a raw "@".
  const path = rest.search(/[/?]/);
  const authority = path === -1 ? rest : rest.slice(0, path);
  const at = authority.lastIndexOf('@');
  let out = rest;
  if (at !== -1) {
    const userInfo = authority.slice(0, at);
    const colon = userInfo.indexOf(':');
    if (colon !== -1) out = `${userInfo.slice(0, colon)}:***${rest.slice(at)}`;
  }
  return scheme + out.replace(/([?&]password=)[^&]*/gi, '$1***');
}

/** The most connections one instance may hold (`?pool=N`, `database.pool`). */
export const MAX_POOL = 32;

export interface PgTarget {
  /** Handed to node-postgres as is (without syncdeck's own `pool` parameter). */
  connectionString: string;
  /** `?pool=N` in the URL: connections this instance may hold (else the config's, else 1). */
  pool?: number;
  /** For the header line, logs and messages. */
  display: string;
  /** Every form of the password that could turn up in a driver message, to scrub it. */
  secrets: string[];
}

export function parsePgUrl(url: string, env: NodeJS.ProcessEnv = process.env): PgTarget {
  const connectionString = url.trim();
  const display = redactUrl(connectionString);
  // No host (postgres://user@/db?host=/run/postgresql) is libpq's "the default server".
  const parsed = tryUrl(connectionString) ?? tryUrl(connectionString.replace('@/', '@localhost/'));
  if (!parsed) throw new DbOpenError(`${display}: is not a valid PostgreSQL URL (postgres://user@host:port/dbname)`);
  if (parsed.pathname.length <= 1)
    throw new DbOpenError(`${display}: names no database (postgres://user@host:port/dbname)`);
  const secrets = [
    parsed.password,
    safeDecode(parsed.password),
    parsed.searchParams.get('password') ?? '',
    env.PGPASSWORD ?? '',
  ];
  const target: PgTarget = { connectionString, display, secrets: [...new Set(secrets.filter((s) => s.length >= 3))] };
  const pool = parsed.searchParams.getAll('pool');
  if (pool.length > 0) {
    const n = Number(pool[pool.length - 1]);
    if (!Number.isInteger(n) || n < 1 || n > MAX_POOL) {
      throw new DbOpenError(
        `${display}: ?pool=${pool[pool.length - 1]} must be a whole number of connections from 1 to ${MAX_POOL}`,
      );
    }
    target.pool = n;
    target.connectionString = withoutParam(connectionString, 'pool');
  }
  return target;
}

/** The URL with every `name=` query parameter taken out, the rest left exactly as written. */
function withoutParam(url: string, name: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const [query, hash = ''] = url.slice(q + 1).split(/(?=#)/, 2);
  const kept = (query ?? '').split('&').filter((p) => p !== '' && p.split('=')[0]!.toLowerCase() !== name);
  return `${url.slice(0, q)}${kept.length ? `?${kept.join('&')}` : ''}${hash}`;
}

function tryUrl(s: string): URL | null {
  try {
    return new URL(s);
  } catch {
    return null;
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Replaces every known form of the password in a message. */
export function scrub(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const s of secrets) out = out.split(s).join('***');
  return out;
}
