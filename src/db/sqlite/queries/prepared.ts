// The hot queries (every heartbeat, every scheduler look, every recovery check) as
// statements prepared once per connection: drizzle would otherwise build the SQL and
// SQLite prepare it on every call, which was most of an idle engine's work.

export function preparedFor<Db extends object, T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let statements = cache.get(db);
    if (statements === undefined) {
      statements = build(db);
      cache.set(db, statements);
    }
    return statements;
  };
}
