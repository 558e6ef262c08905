// GroupCommit (src/db/sqlite/group-commit.ts): calls made in one turn reach the store as one
// batch, in order; each gets its own answer or error; a batch that fails as a whole fails all.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { GroupCommit, settle, settleIn, type Settled } from '../../../src/db/sqlite/group-commit.js';

function recording(answer: (input: number) => number) {
  const batches: number[][] = [];
  const group = new GroupCommit<number, number>(async (inputs) => {
    batches.push(inputs);
    return inputs.map((i) => settle(() => answer(i)));
  });
  return { batches, group };
}

describe('GroupCommit', () => {
  it('sends the calls made before its microtask runs as one batch, in call order', async () => {
    const { batches, group } = recording((i) => i * 10);
    const answers = await Promise.all([group.add(1), group.add(2), group.add(3)]);
    expect(answers).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('a call made after the batch left goes in the next one', async () => {
    const { batches, group } = recording((i) => i);
    await group.add(1);
    await Promise.all([group.add(2), group.add(3)]);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('an error settled for one call fails that call only', async () => {
    const { group } = recording((i) => {
      if (i === 2) throw new Error('two failed');
      return i;
    });
    const results = await Promise.allSettled([group.add(1), group.add(2), group.add(3)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('two failed'));
  });

  it('a batch that cannot commit fails every call in it, and the next batch starts afresh', async () => {
    let fail = true;
    const group = new GroupCommit<number, number>(async (inputs): Promise<Settled<number>[]> => {
      if (fail) throw new Error('database is locked');
      return inputs.map((i) => ({ ok: true, value: i }));
    });
    const results = await Promise.allSettled([group.add(1), group.add(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await group.add(3)).toBe(3);
  });
});

describe('settleIn', () => {
  it("settles a call's error while the batch's transaction goes on; throws it once the transaction is gone", () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (x INTEGER NOT NULL)');
    const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
    const each = db.transaction((x: number | null) => insert.run(x));
    db.exec('BEGIN IMMEDIATE');
    expect(settleIn(db, () => each(1)).ok).toBe(true);
    const refused = settleIn(db, () => each(null));
    expect(refused.ok).toBe(false);
    expect(db.inTransaction).toBe(true);
    // As SQLite does on some disk-full and I/O errors: the whole transaction rolled back.
    expect(() =>
      settleIn(db, () => {
        db.exec('ROLLBACK');
        throw new Error('disk I/O error');
      }),
    ).toThrow('disk I/O error');
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 });
    db.close();
  });
});
