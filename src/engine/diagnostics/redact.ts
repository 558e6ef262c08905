// Secrets are redacted before anything is stored (DESIGN.md §4).
export interface Redactor {
  text(value: string): string;
  headers(headers: Record<string, string>): Record<string, string>;
  url(url: string): string;
}

const SECRET_HEADERS = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|apikey|x-auth-token|x-access-token)$/i;
const SECRET_PARAMS = /^(api[-_]?key|apikey|key|token|access[-_]?token|auth|password|secret|signature|sig)$/i;
export const REDACTED = '***';

export function createRedactor(secrets: readonly string[], extraHeaderNames: readonly string[] = [], extraParamNames: readonly string[] = []): Redactor {
  // Longest first, so a secret that contains another is replaced whole.
  const values = [...new Set(secrets)].filter((s) => s.length >= 3).sort((a, b) => b.length - a.length);
  const headerNames = new Set(extraHeaderNames.map((h) => h.toLowerCase()));
  const paramNames = new Set(extraParamNames.map((p) => p.toLowerCase()));
  const text = (value: string) => {
    let out = value;
    for (const s of values) {
      out = out.split(s).join(REDACTED);
      const encoded = encodeURIComponent(s);
      if (encoded !== s) out = out.split(encoded).join(REDACTED);
    }
    return out;
  };
  return {
    text,
    headers(headers) {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(headers)) out[k] = SECRET_HEADERS.test(k) || headerNames.has(k.toLowerCase()) ? REDACTED : text(v);
      return out;
    },
    url(url) {
      try {
        const u = new URL(url);
        for (const key of [...u.searchParams.keys()]) {
          if (SECRET_PARAMS.test(key) || paramNames.has(key.toLowerCase())) u.searchParams.set(key, REDACTED);
        }
        if (u.password) u.password = REDACTED;
        return text(u.toString()).replaceAll('%2A%2A%2A', REDACTED);
      } catch {
        return text(url);
      }
    },
  };
}
