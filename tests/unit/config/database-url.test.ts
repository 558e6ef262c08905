// The config's `database` may name a PostgreSQL server: a URL is kept as written (a
// relative path is resolved against the config file), its password may come from ${ENV}.
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../src/config/load.js';

const BASE = `users: []
services:
  - { id: telephony, name: Telephony, baseUrl: "http://127.0.0.1:9" }
tasks:
  - { id: calls, name: Receive calls, type: calls, service: telephony, role: reception, interval: 1m, handler: { kind: http, path: /calls } }
`;

describe('config: database', () => {
  it('keeps a postgres:// URL as it is, with ${ENV} put in', () => {
    const config = parseConfigText(`database: postgres://syncdeck:\${PG_PASS}@db.clinic:5432/syncdeck\n${BASE}`, { baseDir: '/etc/syncdeck', source: 'clinic.yaml', env: { PG_PASS: 's3cret' } });
    expect(config.database).toBe('postgres://syncdeck:s3cret@db.clinic:5432/syncdeck');
    expect(config.secrets).toContain('s3cret');
  });

  it('still resolves a relative file against the config directory', () => {
    const config = parseConfigText(`database: data/postgres.db\n${BASE}`, { baseDir: '/etc/syncdeck', source: 'clinic.yaml', env: {} });
    expect(config.database).toBe('/etc/syncdeck/data/postgres.db');
  });
});
