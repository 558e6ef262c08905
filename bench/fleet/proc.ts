// CPU time and memory of processes from /proc, and the machine's busy share from /proc/stat.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const TICKS_PER_SEC = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** User + system CPU seconds the process has used; null once it is gone. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime) are at 11 and 12 after the command name.
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SEC;
  } catch {
    return null;
  }
}

const kbOf = (text: string, key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);

/**
 * Resident and peak resident memory in MB, and the proportional share (PSS): RSS counts
 * in full the pages of node's binary and libraries that every dashboard on the server
 * shares (about 50 MB); PSS divides them among the processes that map them, so twenty
 * dashboards' PSS adds up to what they take together. Null once the process is gone.
 */
export function rssOf(pid: number): { rssMb: number; peakMb: number; pssMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    let pss = NaN;
    try {
      pss = kbOf(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'), 'Pss');
    } catch {
      // A kernel without smaps_rollup (before 4.14): no PSS.
    }
    return { rssMb: kbOf(status, 'VmRSS') / 1024, peakMb: kbOf(status, 'VmHWM') / 1024, pssMb: pss / 1024 };
  } catch {
    return null;
  }
}

/** The machine's CPU jiffies so far: busy and total, over all cores. */
export function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}
