// A task's recent runs travel in TaskView as the ring's text, as the store keeps it
// (src/db/recent.ts): one short string per task. The dashboard's snapshots cross from its
// engine's worker by structured clone, where 500 tasks × 20 runs as objects cost about ten
// times the rest of the snapshot (docs/instances-and-trends.md); whoever shows the runs
// decodes them here.
import { decodeRecent, EMPTY_RECENT, encodeRecent } from '../db/recent.js';
import type { RecentRun } from './types.js';

/** The ring's text: `[[runId, "outcome", durationMs], …]`, oldest first. */
export type RecentRing = string;

/** The runs of a ring, oldest first (anything unreadable left out). */
export const recentRuns = (ring: RecentRing): RecentRun[] => decodeRecent(ring);

/** The ring holds a run (without decoding it). */
export const hasRecentRuns = (ring: RecentRing): boolean => ring !== EMPTY_RECENT && ring !== '';

/** A ring of these runs (tests and tools that build task views). */
export const recentRing = (runs: readonly RecentRun[]): RecentRing => encodeRecent(runs);
