// A busy machine on demand: child processes that spin on the CPU until stopped (twice as
// many as there are cores), so a figure can be taken "while the machine is busy".
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';

export interface Burners {
  count: number;
  stop(): Promise<void>;
}

export function startCpuBurners(count = availableParallelism() * 2): Burners {
  const children: ChildProcess[] = Array.from({ length: count }, () =>
    spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
  );
  return {
    count,
    async stop() {
      await Promise.all(
        children.map(async (c) => {
          if (c.exitCode !== null || c.signalCode !== null) return;
          const exited = once(c, 'exit');
          c.kill('SIGKILL');
          await exited;
        }),
      );
    },
  };
}
