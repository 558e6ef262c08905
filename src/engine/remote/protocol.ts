// Messages between the dashboard's screen (main thread) and its engine (a worker thread):
// requests and their answers, and the engine's events (docs/ARCHITECTURE.md, Composition
// root). Everything crosses by structured clone: plain data only.
import type { EngineApi } from '../api.js';
import type { EngineErrorCode, EngineEvent, TaskView } from '../types.js';

/** What the screen learns once, when the engine is up. */
export type EngineFacts = Pick<EngineApi, 'identity' | 'instance' | 'location'>;

export type ToEngine =
  | { kind: 'call'; id: number; method: string; args: unknown[] }
  /** The screen has its first snapshot: the engine may start what waited for the first frame. */
  | { kind: 'first-snapshot' }
  /** The screen is closing: end this instance's runs with `outcome` and stop. */
  | { kind: 'shutdown'; outcome: 'cancelled' | 'interrupted'; why: string };

export type FromEngine =
  | { kind: 'answer'; id: number; ok: true; value: unknown }
  | { kind: 'answer'; id: number; ok: false; error: WireError }
  | { kind: 'event'; event: EngineEvent }
  /**
   * `snapshot`: the engine's first snapshot, taken just before (absent when it failed).
   * `closeWithinMs`: how long a shutdown may take at most (the config's stop grace for the
   * runs, then a few seconds for the database).
   */
  | { kind: 'ready'; facts: EngineFacts; snapshot?: TaskView[]; closeWithinMs: number }
  /** The engine could not start (bad config, unusable database): the exit code and one line. */
  | { kind: 'failed'; exitCode: number; message: string }
  | { kind: 'closed' };

/** An error as it crosses: EngineErrors keep their code and detail. */
export interface WireError {
  name: string;
  message: string;
  code?: EngineErrorCode;
  detail?: { instance?: string; instanceLabel?: string; runId?: number };
}

/** The end of a channel: a worker's parentPort, or a Worker seen from the main thread. */
export interface Channel<In, Out> {
  postMessage(message: Out): void;
  on(event: 'message', listener: (message: In) => void): unknown;
  off(event: 'message', listener: (message: In) => void): unknown;
}
