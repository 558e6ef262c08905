// The terminal's size, updated on resize (Ink 6.8 has no useWindowSize).
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';
import type { TerminalSize } from '../layout.js';

export function useTerminalSize(terminal?: NodeJS.WriteStream): TerminalSize {
  const stdout = useStdout().stdout;
  const stream = terminal ?? stdout;
  const [size, setSize] = useState<TerminalSize>(() => ({ columns: stream.columns || 80, rows: stream.rows || 24 }));
  useEffect(() => {
    const onResize = () =>
      setSize((prev) => {
        const next = { columns: stream.columns || 80, rows: stream.rows || 24 };
        return next.columns === prev.columns && next.rows === prev.rows ? prev : next;
      });
    stream.on('resize', onResize);
    onResize();
    return () => {
      stream.off('resize', onResize);
    };
  }, [stream]);
  return size;
}
