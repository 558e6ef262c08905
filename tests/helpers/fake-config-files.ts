// Config files in memory for engines on a fake clock: the test writes a file (text and
// modification time) and the engine's watcher hears of it at once.
import { parseConfigText, type LoadedConfig } from '../../src/config/load.js';
import type { ConfigFileAccess } from '../../src/engine/config/config-keeper.js';

export class FakeConfigFiles implements ConfigFileAccess {
  private readonly files = new Map<string, { text: string; modifiedAt: number }>();
  private readonly watchers = new Map<string, Set<() => void>>();

  /** Writes the file; watchers are told (as fs.watchFile would, a moment later). */
  write(file: string, text: string, modifiedAt: number): void {
    this.files.set(file, { text, modifiedAt });
    for (const w of this.watchers.get(file) ?? []) w();
  }

  load(file: string): LoadedConfig {
    const f = this.files.get(file);
    if (!f) throw new Error(`${file}: no such file`);
    return parseConfigText(f.text, { baseDir: process.cwd(), source: file, label: file, env: {} });
  }

  modifiedAt(file: string): number {
    const f = this.files.get(file);
    if (!f) throw new Error(`${file}: no such file`);
    return f.modifiedAt;
  }

  watch(file: string, changed: () => void): () => void {
    const set = this.watchers.get(file) ?? new Set();
    set.add(changed);
    this.watchers.set(file, set);
    return () => set.delete(changed);
  }
}
