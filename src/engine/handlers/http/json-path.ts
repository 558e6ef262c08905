// Dot paths into a JSON answer: `data.items`, `items.0.id`, `items[0].id`; `$` (or `.`) is the answer itself.

export function parsePath(path: string): string[] {
  const trimmed = path.trim().replace(/^\$\.?/, '');
  if (trimmed === '' || trimmed === '.') return [];
  return trimmed
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((s) => s !== '');
}

/** The value at `path`, or undefined when any step is missing. */
export function getPath(value: unknown, path: string): unknown {
  let node: unknown = value;
  for (const key of parsePath(path)) {
    if (Array.isArray(node) && /^\d+$/.test(key)) node = node[Number(key)];
    else if (node !== null && typeof node === 'object' && Object.hasOwn(node, key))
      node = (node as Record<string, unknown>)[key];
    else return undefined;
  }
  return node;
}

/** What a value looks like, for messages: "a list", "an object", "the text \"…\"", "nothing". */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return `the text ${JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}...` : value)}`;
  return typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
    ? `the ${typeof value} ${String(value)}`
    : `a ${typeof value}`;
}
