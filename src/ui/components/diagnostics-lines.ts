// The diagnostics of a run as screen lines (pure): every exchange, request and response,
// headers and bodies as stored (already redacted by the engine), made safe for the terminal.
import { oneLine, stripControls } from '../../engine/text/sanitize.js';
import type { Exchange, RunDetails } from '../../engine/types.js';
import { formatClock, formatDuration } from '../format.js';
import type { Catalogue } from '../i18n/index.js';
import { wrapText } from '../text/cells.js';
import type { Glyphs, Tone } from '../theme.js';
import type { StyledLine } from './run-log-lines.js';

/** JSON bodies are easier to read indented; anything else (or a truncated body) stays as it is. */
export function prettyBody(body: string): string {
  const trimmed = body.trim();
  if (!/^[[{]/.test(trimmed)) return body;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return body;
  }
}

const statusTone = (status: number): Tone => (status >= 400 ? 'error' : status >= 300 ? 'warning' : 'success');

function push(out: StyledLine[], text: string, width: number, indent: string, tone?: Tone, bold?: boolean) {
  for (const line of wrapText(text, Math.max(10, width - indent.length))) {
    out.push({ text: indent + line, ...(tone ? { tone } : {}), ...(bold ? { bold } : {}) });
  }
}

function headers(out: StyledLine[], all: Record<string, string>, width: number) {
  for (const [name, value] of Object.entries(all)) push(out, `${oneLine(name)}: ${oneLine(value)}`, width, '  ');
}

function body(out: StyledLine[], label: string, text: string | null, width: number) {
  if (text === null || text === '') return;
  out.push({ text: `  ${label}:`, tone: 'muted' });
  push(out, prettyBody(stripControls(text)), width, '    ');
}

function exchangeLines(
  out: StyledLine[],
  ex: Exchange,
  index: number,
  count: number,
  width: number,
  t: Catalogue,
  glyphs: Glyphs,
  now: number,
) {
  const heading = t.diagnostics.exchange(
    index + 1,
    count,
    formatClock(ex.at, now, t.time, true),
    formatDuration(ex.durationMs, t.time),
  );
  out.push({ text: `${glyphs.rule.repeat(2)} ${heading} ${glyphs.rule.repeat(2)}`, bold: true });
  push(out, `${glyphs.request} ${oneLine(ex.request.method)} ${oneLine(ex.request.url)}`, width, '', undefined, true);
  headers(out, ex.request.headers, width);
  body(out, t.diagnostics.requestBody, ex.request.body, width);
  if (ex.response) {
    out.push({ text: `${glyphs.response} ${ex.response.status}`, tone: statusTone(ex.response.status), bold: true });
    headers(out, ex.response.headers, width);
    body(out, t.diagnostics.responseBody, ex.response.body, width);
  } else {
    out.push({ text: `${glyphs.response} ${t.diagnostics.noResponse}`, tone: 'muted' });
  }
  if (ex.error) push(out, `${glyphs.fail} ${t.diagnostics.error(stripControls(ex.error))}`, width, '', 'error');
}

export function diagnosticsLines(
  details: RunDetails,
  width: number,
  t: Catalogue,
  glyphs: Glyphs,
  now: number,
): StyledLine[] {
  if (details.exchanges.length === 0) return [{ text: t.diagnostics.none, tone: 'muted' }];
  const out: StyledLine[] = [];
  details.exchanges.forEach((ex, i) => {
    if (i > 0) out.push({ text: '' });
    exchangeLines(out, ex, i, details.exchanges.length, width, t, glyphs, now);
  });
  return out;
}
