// The hot queries (every heartbeat, every scheduler look, every recovery check) as
// statements prepared once per connection: drizzle would otherwise build the SQL and
// SQLite prepare it on every call, which was most of an idle engine's work.
import type { Statement } from 'better-sqlite3';
import type { Db } from './db.js';

export function preparedFor<Conn extends object, T>(build: (db: Conn) => T): (db: Conn) => T {
  const cache = new WeakMap<Conn, T>();
  return (db) => {
    let statements = cache.get(db);
    if (statements === undefined) {
      statements = build(db);
      cache.set(db, statements);
    }
    return statements;
  };
}

/**
 * As preparedFor, but each statement is built the first time it is used: an engine that
 * finds a due task already leased elsewhere (every engine of a start-up storm but one)
 * needs one of a run's ten statements, and building a statement with drizzle the first
 * time is milliseconds of cold code.
 */
export function lazyStatementsFor<B extends Record<string, (db: Db) => unknown>>(
  builders: B,
): (db: Db) => { readonly [K in keyof B]: ReturnType<B[K]> } {
  return preparedFor((db: Db) => {
    const statements = {} as { [K in keyof B]: ReturnType<B[K]> };
    for (const key of Object.keys(builders) as (keyof B)[]) {
      Object.defineProperty(statements, key, {
        configurable: true,
        enumerable: true,
        get() {
          const built = builders[key]!(db) as ReturnType<B[typeof key]>;
          Object.defineProperty(statements, key, { value: built, enumerable: true });
          return built;
        },
      });
    }
    return statements;
  });
}

/**
 * Statements whose SQL depends on the call's shape (which fields, which filters), prepared
 * once per shape on each connection: `sql()` is called the first time a key is seen. At
 * most `max` shapes are kept, the oldest dropped first.
 */
export function statementsByShape(max = 128): (db: Db, key: string, sql: () => string) => Statement {
  const shapes = preparedFor((_db: Db) => new Map<string, Statement>());
  return (db, key, sql) => {
    const cache = shapes(db);
    let stmt = cache.get(key);
    if (stmt === undefined) {
      stmt = db.raw.prepare(sql());
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
      cache.set(key, stmt);
    }
    return stmt;
  };
}
