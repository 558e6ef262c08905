// The engine's alerting part (docs/alerts.md; docs/ARCHITECTURE.md, The engine: its parts
// and loops): proposes alerts to the store with the runs that cause them, runs the delivery
// loop and the unrunnable watch on instances that schedule, and answers the listing, the
// channel trouble the header shows, and `syncdeck alerts test`. Every part reads the
// config in force when it acts: a reload changes the channels, the policy and the secrets
// at once (docs/alerts.md, "Changing channels").
import type { LoadedConfig } from '../../config/load.js';
import type { AlertListing, NewAlert, RunRow, ScheduleState, TaskRow } from '../../db/types.js';
import type { Store } from '../../db/store.js';
import type { Clock } from '../clock.js';
import type { Redactor } from '../diagnostics/redact.js';
import type { StorageHealth } from '../storage-message.js';
import type { AlertDeliveryEvent, AlertTestResult, AlertTrouble, AlertView } from '../types.js';
import { afterOrphan, afterRun, testAlert, type Decider } from './decisions.js';
import { Deliverer } from './deliverer.js';
import type { AlertRunFacts } from './payload.js';
import { commandDir, createSender, type Send } from './send.js';
import { UnrunnableWatch } from './unrunnable-watch.js';

/** What a run needs from alerting: the proposal its end may carry, and a nudge once it is recorded. */
export interface RunAlerts {
  afterRun(row: TaskRow, schedule: ScheduleState, run: AlertRunFacts, now: number): NewAlert | null;
  proposed(): void;
}

export interface AlertingDeps {
  store: Store;
  /** The config in force (the engine's ConfigHolder). */
  config: { readonly current: LoadedConfig };
  clock: Clock;
  instance: { id: string; label: string };
  /** The redactor of the config in force. */
  redactor: () => Redactor;
  storage: StorageHealth;
  onAttempt: (event: AlertDeliveryEvent) => void;
  /** Replaces the channels' sender (tests). */
  send?: Send;
}

export class Alerting implements RunAlerts {
  private readonly decider: Decider;
  private readonly deliverer: Deliverer;
  private readonly watch: UnrunnableWatch;

  constructor(private readonly deps: AlertingDeps) {
    const { store, config, clock, instance, redactor, storage } = deps;
    this.decider = {
      instance,
      get config() {
        return config.current;
      },
      get redactor() {
        return redactor();
      },
    };
    // The sender of the config in force: a changed URL, token or command is used by the next attempt.
    const send: Send =
      deps.send ?? ((channel, body) => createSender(redactor(), commandDir(config.current.source))(channel, body));
    this.deliverer = new Deliverer({
      store,
      alerts: () => config.current.alerts,
      clock,
      instanceId: instance.id,
      send,
      storage,
      onAttempt: deps.onAttempt,
    });
    this.watch = new UnrunnableWatch({
      store,
      config,
      clock,
      decider: this.decider,
      storage,
      onRaised: () => this.proposed(),
    });
  }

  /** A reload changed the config: deliveries to a new or changed channel go out now. */
  configChanged(): void {
    this.deliverer.soon();
  }

  /** Delivery and the unrunnable watch: on instances that schedule (dashboards, headless engines). */
  start(): void {
    this.deliverer.start();
    this.watch.start();
  }

  /** Resolves when a delivery being sent is recorded, or after `graceMs`. */
  async stop(graceMs = 0): Promise<void> {
    this.watch.stop();
    await this.deliverer.stop(graceMs);
  }

  afterRun(row: TaskRow, schedule: ScheduleState, run: AlertRunFacts, now: number): NewAlert | null {
    return afterRun(this.decider, row, schedule, run, now);
  }

  afterOrphan(row: TaskRow, run: RunRow, schedule: ScheduleState, now: number): NewAlert | null {
    return afterOrphan(this.decider, row, run, schedule, now);
  }

  /** An alert may have been recorded here: deliver it now rather than at the next look. */
  proposed(): void {
    this.deliverer.soon();
  }

  async list(limit: number, visibleTaskIds?: readonly string[]): Promise<AlertView[]> {
    return (await this.deps.store.listAlerts(limit, visibleTaskIds)).map(toAlertView);
  }

  /** Channels of this config whose latest attempt failed. */
  async trouble(): Promise<AlertTrouble[]> {
    const names = new Set(this.deps.config.current.alerts?.channels.map((c) => c.name) ?? []);
    if (names.size === 0) return [];
    return (await this.deps.store.channelTrouble()).filter((t) => names.has(t.channel));
  }

  /** Sends a test alert to every channel, once each (recorded like any alert, never retried). */
  async test(): Promise<AlertTestResult[]> {
    const { store, config, clock, instance } = this.deps;
    const results: AlertTestResult[] = [];
    for (const channel of config.current.alerts?.channels ?? []) {
      const now = clock.now();
      const alert = await store.raiseAlert(
        `test:${instance.id}:${now}:${channel.name}`,
        testAlert(this.decider, channel.name, now),
      );
      const claimed =
        alert &&
        (await store.claimDelivery({
          instanceId: instance.id,
          channels: [channel.name],
          now,
          claimMs: channel.timeout + 60_000,
          alertId: alert.id,
        }));
      if (!claimed) {
        results.push({
          channel: channel.name,
          kind: channel.kind,
          ok: false,
          status: null,
          message: 'the test alert could not be recorded',
        });
        continue;
      }
      const sent = await this.deliverer.deliver(claimed);
      results.push({
        channel: channel.name,
        kind: channel.kind,
        ok: sent.ok,
        status: sent.status,
        message: sent.message,
      });
    }
    return results;
  }
}

function toAlertView(a: AlertListing): AlertView {
  let payload: Record<string, unknown> = {};
  try {
    payload = JSON.parse(a.payload) as Record<string, unknown>;
  } catch {
    // A payload is written by syncdeck as JSON; an unreadable one shows as empty rather than failing the listing.
  }
  return {
    id: a.id,
    event: a.event,
    taskId: a.taskId,
    runId: a.runId,
    createdAt: a.createdAt,
    createdBy: a.createdBy,
    text: typeof payload.text === 'string' ? payload.text : '',
    payload,
    deliveries: a.deliveries.map((d) => ({
      channel: d.channel,
      state: d.state,
      attempts: d.attempts,
      nextAttemptAt: d.nextAttemptAt,
      lastAttemptAt: d.lastAttemptAt,
      deliveredAt: d.deliveredAt,
      lastError: d.lastError,
      attemptLog: d.attemptLog.map((x) => ({
        at: x.at,
        instance: x.instanceId,
        ok: x.ok,
        status: x.status,
        message: x.message,
        durationMs: x.durationMs,
      })),
    })),
  };
}
