// Summaries of `node --cpu-prof` profiles (BENCHMARKS.md, "Where it goes"):
//
//   npx tsx bench/profile/summarize.ts FILE [--by package|function] [--from MS] [--to MS] [--after FN] [--top N]
//       self time in a window (--after FN: from the first sample with FN on its stack; --to MS:
//       the window's length from there, not an end time)
//   npx tsx bench/profile/summarize.ts FILE --stacks FN [--top N]
//       the stacks through FN
//   npx tsx bench/profile/summarize.ts FILE --spans FN,FN...
//       when each FN was first and last on the stack, and its time: the phases of a start
//   npx tsx bench/profile/summarize.ts FILE... --timeline MS [--by package|function]
//       threads side by side (one profile per thread: the dashboard writes two), MS buckets
import { parseArgs } from 'node:util';
import { Profile, timeline, type Grouping } from './cpuprofile.js';

// Piped into head: stop quietly when the reader has had enough.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    by: { type: 'string', default: 'package' },
    from: { type: 'string' },
    to: { type: 'string' },
    after: { type: 'string' },
    top: { type: 'string', default: '25' },
    stacks: { type: 'string' },
    spans: { type: 'string' },
    timeline: { type: 'string' },
  },
});
if (positionals.length === 0) {
  process.stderr.write(
    'usage: summarize.ts FILE [--by package|function] [--from MS] [--to MS] [--after FN] [--top N]\n',
  );
  process.stderr.write('       summarize.ts FILE --stacks FN | FILE --spans FN,FN... | FILE... --timeline MS\n');
  process.exit(2);
}
const by = values.by === 'function' ? 'function' : ('package' satisfies Grouping);
const top = Number(values.top);
const ms = (v: number) => v.toFixed(1).padStart(9);

if (values.timeline) {
  const rows = timeline(
    positionals.map((file) => Profile.read(file)),
    Number(values.timeline),
    by,
  );
  for (const row of rows) {
    const cols = row.threads.map((t) =>
      `idle ${t.idleMs.toFixed(0)} ${t.top.map((x) => `${x.label.slice(0, 28)} ${x.ms.toFixed(0)}`).join(', ')}`
        .slice(0, 70)
        .padEnd(70),
    );
    console.log(`${String(row.fromMs).padStart(6)} ${cols.join(' | ')}`);
  }
} else {
  const profile = Profile.read(positionals[0]!);
  if (values.spans) {
    for (const span of profile.spans(values.spans.split(',')))
      console.log(`${span.name.padEnd(28)} from ${ms(span.first)} to ${ms(span.last)}, ${ms(span.ms)} ms in all`);
  } else if (values.stacks) {
    for (const s of profile.stacksThrough(values.stacks).slice(0, top)) console.log(`${ms(s.ms)}  ${s.label}\n`);
  } else {
    const from = values.after ? profile.firstSeen(values.after) : Number(values.from ?? 0);
    if (from === null) throw new Error(`${values.after} is on no sampled stack of ${positionals[0]}`);
    const to = values.to ? from + Number(values.to) : Infinity;
    const rows = profile.selfTime(by, from, to);
    const total = rows.reduce((a, r) => a + r.ms, 0);
    console.log(`${positionals[0]}: ${total.toFixed(0)} ms sampled from ${from.toFixed(0)} ms`);
    for (const r of rows.slice(0, top))
      console.log(`${ms(r.ms)} ${((r.ms / total) * 100).toFixed(1).padStart(5)} %  ${r.label}`);
  }
}
