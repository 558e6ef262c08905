// The small pieces of the handlers: JSON paths, the command protocol, line splitting.
import { describe, expect, it } from 'vitest';
import { LineSplitter, TailBuffer } from '../../../src/engine/handlers/command/lines.js';
import { parseProtocolLine } from '../../../src/engine/handlers/command/protocol.js';
import { getPath } from '../../../src/engine/handlers/http/json-path.js';

describe('http/json-path: getPath', () => {
  const doc = { data: { items: [{ id: 7 }, { id: 8 }] }, 'odd.key': 1 };
  it.each([
    ['data.items.1.id', 8],
    ['data.items[0].id', 7],
    ['$', doc],
    ['$.data.items.length', 2],
    ['data.missing.deep', undefined],
    ['data.items.x', undefined],
  ])('%s', (path, expected) => {
    expect(getPath(doc, path)).toEqual(expected);
  });
});

describe('command/protocol: parseProtocolLine', () => {
  it.each([
    ['{"progress":[3,10]}', { kind: 'progress', done: 3, total: 10 }],
    ['{"progress":{"done":4}}', { kind: 'progress', done: 4, total: null }],
    ['{"log":"hello"}', { kind: 'log', text: 'hello' }],
    ['{"warning":"2 skipped"}', { kind: 'warning', text: '2 skipped' }],
    ['{"error":{"class":"auth","message":"bad key"}}', { kind: 'error', errorClass: 'auth', message: 'bad key' }],
    ['{"error":{"class":"nonsense","message":"x"}}', { kind: 'error', errorClass: 'unknown', message: 'x' }],
    ['{"error":"plain"}', { kind: 'error', errorClass: 'unknown', message: 'plain' }],
    ['{"result":"done"}', { kind: 'result', text: 'done' }],
    ['{"progress":"lots"}', { kind: 'text', text: '{"progress":"lots"}' }],
    ['{broken', { kind: 'text', text: '{broken' }],
    ['exported 3 files', { kind: 'text', text: 'exported 3 files' }],
  ])('%s', (line, expected) => {
    expect(parseProtocolLine(line)).toEqual(expected);
  });
});

describe('command/lines: LineSplitter and TailBuffer', () => {
  it('splits across chunks and multi-byte characters, drops CR, emits the last unterminated line', () => {
    const lines: string[] = [];
    const s = new LineSplitter((l) => lines.push(l));
    const bytes = Buffer.from('first\r\nвто');
    s.push(bytes.subarray(0, bytes.length - 1));
    s.push(Buffer.concat([bytes.subarray(bytes.length - 1), Buffer.from('рая\nthird')]));
    s.end();
    expect(lines).toEqual(['first', 'вторая', 'third']);
  });

  it('keeps the last bytes and the total count', () => {
    const t = new TailBuffer(10);
    for (const part of ['aaaa', 'bbbb', 'cccc', 'dddd']) t.push(Buffer.from(part));
    expect(t.text()).toBe('bbccccdddd');
    expect(t.total).toBe(16);
    expect(t.truncated).toBe(true);
  });
});
