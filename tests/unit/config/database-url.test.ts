// The config's `database` may name a PostgreSQL server: a URL is kept as written (a
// relative path is resolved against the config file), its password may come from ${ENV}.
// As a mapping it also says how many connections an instance may hold (`pool`).
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfigText } from '../../../src/config/load.js';

const BASE = `users: []
services:
  - { id: telephony, name: Telephony, baseUrl: "http://127.0.0.1:9" }
tasks:
  - { id: calls, name: Receive calls, type: calls, service: telephony, role: reception, interval: 1m, handler: { kind: http, path: /calls } }
`;

describe('config: database', () => {
  it('keeps a postgres:// URL as it is, with ${ENV} put in', () => {
    const config = parseConfigText(`database: postgres://syncdeck:\${PG_PASS}@db.clinic:5432/syncdeck\n${BASE}`, {
      baseDir: '/etc/syncdeck',
      source: 'clinic.yaml',
      env: { PG_PASS: 's3cret' },
    });
    expect(config.database).toEqual({ location: 'postgres://syncdeck:s3cret@db.clinic:5432/syncdeck' });
    expect(config.secrets).toContain('s3cret');
  });

  it('still resolves a relative file against the config directory', () => {
    const config = parseConfigText(`database: data/postgres.db\n${BASE}`, {
      baseDir: '/etc/syncdeck',
      source: 'clinic.yaml',
      env: {},
    });
    expect(config.database.location).toBe('/etc/syncdeck/data/postgres.db');
  });

  it('as a mapping: a location and the connections one instance may hold', () => {
    const config = parseConfigText(
      `database:\n  location: postgres://syncdeck@db.clinic/syncdeck\n  pool: 4\n${BASE}`,
      { baseDir: '/etc/syncdeck', source: 'clinic.yaml', env: {} },
    );
    expect(config.database).toEqual({ location: 'postgres://syncdeck@db.clinic/syncdeck', pool: 4 });
    // The location may come from --db or SYNCDECK_DB instead.
    expect(
      parseConfigText(`database: { pool: 2 }\n${BASE}`, { baseDir: '/etc/syncdeck', source: 'clinic.yaml', env: {} })
        .database,
    ).toEqual({ pool: 2 });
    expect(parseConfigText(BASE, { baseDir: '/etc/syncdeck', source: 'clinic.yaml', env: {} }).database).toEqual({});
  });

  it.each([
    ['database:\n  pool: 0\n', 'clinic.yaml:2: database.pool: 0 is too small (minimum 1)'],
    ['database:\n  pool: 33\n', 'clinic.yaml:2: database.pool: 33 is too large (maximum 32)'],
    ['database:\n  pool: four\n', 'clinic.yaml:2: database.pool: expected a number, got "four"'],
    ['database:\n  location: x.db\n  pools: 2\n', 'clinic.yaml:3: database.pools: unknown field "pools"'],
    ['database: 5\n', 'clinic.yaml:1: database: expected a mapping, got 5'],
  ])('a bad database setting is one line naming the file, line and field: %j', (text, problem) => {
    let error: unknown;
    try {
      parseConfigText(`${text}${BASE}`, { baseDir: '/etc/syncdeck', source: 'clinic.yaml', env: {} });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([problem]);
  });
});
