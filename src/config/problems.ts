// Where a config problem is and how it is written: a field path (`tasks[2].schedule`),
// the line of the YAML file it is on, and the quoted text made safe for a terminal.
import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';

/** A field's path in the config: keys and list indexes. */
export type Path = (string | number)[];

/** Records a problem at a path: at the key's line (a field), or at the value's (`atKey` false). */
export type Report = (path: Path, message: string, atKey?: boolean) => void;

/** A value quoted in a problem (a cron text, a path, a user name) stays on its line and cannot drive the terminal. */
export function escapeControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) =>
    c === '\n'
      ? '\\n'
      : c === '\t'
        ? '\\t'
        : c === '\r'
          ? '\\r'
          : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function formatPath(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

/** The line of the node at `path`: the key's line for a field, the nearest existing parent otherwise. */
export function lineOfPath(doc: Document, path: Path, lineOf: (offset: number) => number, atKey: boolean): number {
  let node: unknown = doc.contents;
  let line = node && (node as Node).range ? lineOf((node as Node).range![0]) : 1;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === seg);
      if (!pair) break;
      const keyNode = pair.key as Node | null;
      const valueNode = pair.value as Node | null;
      const at = atKey ? keyNode?.range : (valueNode?.range ?? keyNode?.range);
      if (at) line = lineOf(at[0]);
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) break;
      if (item.range) line = lineOf(item.range[0]);
      node = item;
    } else break;
  }
  return line;
}
