// lazyStatementsFor (src/db/sqlite/queries/prepared.ts): each statement is built when it is
// first used, once per connection, and the others are not built at all.
import { expect, it } from 'vitest';
import { lazyStatementsFor } from '../../../src/db/sqlite/queries/prepared.js';
import type { Db } from '../../../src/db/sqlite/queries/db.js';

const nameOf = (db: Db) => (db as unknown as { name: string }).name;

it('lazyStatementsFor: builds a statement on first use, once per connection, and no other', () => {
  const built: string[] = [];
  const statements = lazyStatementsFor({
    one: (db: Db) => {
      built.push(`one:${nameOf(db)}`);
      return { name: 'one' };
    },
    two: (db: Db) => {
      built.push(`two:${nameOf(db)}`);
      return (n: number) => n * 2;
    },
  });
  const a = { name: 'a' } as unknown as Db;
  const b = { name: 'b' } as unknown as Db;
  expect(built).toEqual([]);
  expect(statements(a).one).toEqual({ name: 'one' });
  expect(statements(a).one).toBe(statements(a).one);
  expect(built).toEqual(['one:a']);
  expect(statements(a).two(21)).toBe(42);
  expect(statements(b).one).not.toBe(statements(a).one);
  expect(built).toEqual(['one:a', 'two:a', 'one:b']);
  expect(Object.keys(statements(b))).toEqual(['one', 'two']);
});
