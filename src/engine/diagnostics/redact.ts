// Secrets are redacted before anything is stored (docs/ARCHITECTURE.md, Handlers and diagnostics).
import type { AlertChannelConfig, ServiceConfig } from '../../config/schema.js';

export interface Redactor {
  /** Every secret value replaced, wherever it appears. */
  text(value: string): string;
  /** text(), plus the values of secret-looking JSON or form fields (`"password": "…"`, `access_token=…`). */
  body(value: string): string;
  headers(headers: Record<string, string>): Record<string, string>;
  url(url: string): string;
}

// Matched against the whole header name: Authorization, Cookie, X-Api-Key, X-Auth-Token, X-Client-Secret, …
const SECRET_HEADERS = /^(proxy-)?authorization$|cookie|api[-_]?key|token|secret|passw|session|signature/i;
// A query parameter or body field: api_key, apikey, key, token, access_token, client_secret, password, sig, …
const SECRET_PARAMS =
  /^(?:[\w-]*[-_])?(?:api[-_]?key|apikey|key|token|secret|password|passwd|pwd|signature|sig|auth|session|sessionid)$/i;
// Stricter for body fields, where `key` or `auth` are often ordinary data.
const SECRET_FIELDS = /^(?:[\w-]*[-_])?(?:api[-_]?key|apikey|token|secret|password|passwd)$/i;
const JSON_FIELD = /("([\w-]+)"\s*:\s*)"((?:[^"\\]|\\.)*)"/g;
const FORM_FIELD = /(^|[?&])([\w.-]+)=([^&\s]*)/g;
export const REDACTED = '***';

/** A secret as it may travel: percent-encoded (as a URL or a form encodes it, either hex case) or JSON-escaped. */
function encodedForms(secret: string): string[] {
  const url = encodeURIComponent(secret);
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  const lowerHex = (text: string) => text.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase());
  return [...new Set([url, form, lowerHex(url), lowerHex(form), JSON.stringify(secret).slice(1, -1)])].filter(
    (f) => f !== secret,
  );
}

export function createRedactor(
  secrets: readonly string[],
  extraHeaderNames: readonly string[] = [],
  extraParamNames: readonly string[] = [],
): Redactor {
  // Longest first, so a secret that contains another is replaced whole.
  const values = [...new Set(secrets)].filter((s) => s.length >= 3).sort((a, b) => b.length - a.length);
  const headerNames = new Set(extraHeaderNames.map((h) => h.toLowerCase()));
  const paramNames = new Set(extraParamNames.map((p) => p.toLowerCase()));
  const secretParam = (name: string) => SECRET_PARAMS.test(name) || paramNames.has(name.toLowerCase());
  const secretField = (name: string) => SECRET_FIELDS.test(name) || paramNames.has(name.toLowerCase());
  // Each secret with its encoded forms, worked out once (not per string redacted).
  const forms = values.map((s) => [s, ...encodedForms(s)]);
  const text = (value: string) => {
    let out = value;
    for (const secretForms of forms) for (const form of secretForms) out = out.split(form).join(REDACTED);
    return out;
  };
  return {
    text,
    body(value) {
      // Fields first, while their names are still whole; then the values anywhere.
      const fields = value
        .replace(JSON_FIELD, (whole, head: string, name: string) =>
          secretField(name) ? `${head}"${REDACTED}"` : whole,
        )
        .replace(FORM_FIELD, (whole, lead: string, name: string) =>
          secretField(name) ? `${lead}${name}=${REDACTED}` : whole,
        );
      return text(fields);
    },
    headers(headers) {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(headers))
        out[k] = SECRET_HEADERS.test(k) || headerNames.has(k.toLowerCase()) ? REDACTED : text(v);
      return out;
    },
    url(url) {
      try {
        const u = new URL(url);
        for (const key of [...u.searchParams.keys()]) {
          if (secretParam(key)) u.searchParams.set(key, REDACTED);
        }
        if (u.password) u.password = REDACTED;
        return text(u.toString()).replaceAll('%2A%2A%2A', REDACTED);
      } catch {
        return text(url);
      }
    },
  };
}

/** What the services' auth settings add to the config's ${ENV} secrets: their values (even literal ones) and names. */
export function serviceSecrets(services: readonly ServiceConfig[]): {
  values: string[];
  headerNames: string[];
  paramNames: string[];
} {
  const values: string[] = [];
  const headerNames: string[] = [];
  const paramNames: string[] = [];
  for (const { auth } of services) {
    if (!auth) continue;
    if (auth.type === 'bearer') values.push(auth.token);
    if (auth.type === 'basic')
      values.push(auth.password, Buffer.from(`${auth.username}:${auth.password}`).toString('base64'));
    if (auth.type === 'header') {
      values.push(auth.value);
      headerNames.push(auth.name);
    }
    if (auth.type === 'query') {
      values.push(auth.value);
      paramNames.push(auth.name);
    }
  }
  return { values, headerNames, paramNames };
}

/** The values of alert channels' secret-looking headers (Authorization, X-Api-Key, …), even literal ones. */
export function channelSecrets(channels: readonly AlertChannelConfig[]): string[] {
  return channels.flatMap((c) =>
    Object.entries((c.kind === 'webhook' && c.headers) || {}).flatMap(([name, value]) =>
      SECRET_HEADERS.test(name) ? [value, value.replace(/^(Bearer|Basic|Token)\s+/i, '')] : [],
    ),
  );
}

/** The redactor of a loaded config: its ${ENV} secrets plus every service's credentials and the alert channels' secret headers. */
export function createConfigRedactor(config: {
  secrets: readonly string[];
  services: readonly ServiceConfig[];
  alerts?: { channels: readonly AlertChannelConfig[] } | undefined;
}): Redactor {
  const extra = serviceSecrets(config.services);
  return createRedactor(
    [...config.secrets, ...extra.values, ...channelSecrets(config.alerts?.channels ?? [])],
    extra.headerNames,
    extra.paramNames,
  );
}
