// Page faults and CPU of each of the dashboard's threads at its first complete frame (the
// first write that holds the key line's "quit"), appended to the file FAULTS_LOG names: on a
// virtual machine whose first touch of a page is slow, memory touched is start-up time
// (BENCHMARKS.md, "Where it goes", session 15). Loaded before the dashboard:
//
//   FAULTS_LOG=/tmp/faults.log node --import ./bench/profile/faults-at-frame.mjs bin/syncdeck.js --db … --config …
//
// Clock ticks are CLK_TCK (usually 100 per second).
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';

const log = process.env.FAULTS_LOG ?? 'faults.log';
const write = process.stdout.write.bind(process.stdout);
let done = false;
process.stdout.write = (data, ...rest) => {
  if (!done && typeof data === 'string' && data.includes('quit')) {
    done = true;
    const usage = process.resourceUsage();
    let out = `first frame at ${(process.uptime() * 1000).toFixed(0)} ms, RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(1)} MB, ${usage.minorPageFault} minor faults in all\n`;
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // After "(comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(f[7]) > 50)
        out += `  thread ${tid}: ${f[7]} minor faults, user ${f[11]} ticks, system ${f[12]} ticks\n`;
    }
    appendFileSync(log, out);
  }
  return write(data, ...rest);
};
