// The syncdeck instances that wrote a generated history: a headless engine on the clinic
// server (restarted every ten days or so) and one dashboard per employee. All are stopped.

export interface GenInstance {
  id: string;
  user: string;
  host: string;
  pid: number;
  kind: 'engine' | 'ui';
  startedAt: number;
  stoppedAt: number;
}

export interface GenInstances {
  all: GenInstance[];
  /** The engine instance that was running at this time. */
  engineAt(time: number): GenInstance;
  /** The dashboard instance of this user. */
  uiOf(user: string): GenInstance;
}

const hex = (n: number) => (n & 0xffff).toString(16).padStart(4, '0');

export function genInstances(from: number, to: number, users: readonly string[]): GenInstances {
  const periods = Math.max(1, Math.round((to - from) / (10 * 86_400_000)));
  const span = (to - from) / periods;
  const engines: GenInstance[] = [];
  for (let i = 0; i < periods; i++) {
    const pid = 2_000 + i * 137;
    engines.push({
      id: `clinic-srv:${pid}:${hex(pid * 7919)}`,
      user: 'syncdeck',
      host: 'clinic-srv',
      pid,
      kind: 'engine',
      startedAt: Math.round(from + i * span),
      stoppedAt: Math.round(from + (i + 1) * span),
    });
  }
  const uis = users.map((user, i): GenInstance => {
    const pid = 40_000 + i * 211;
    return {
      id: `${user}-pc:${pid}:${hex(pid * 31)}`,
      user,
      host: `${user}-pc`,
      pid,
      kind: 'ui',
      startedAt: from,
      stoppedAt: to,
    };
  });
  const byUser = new Map(uis.map((u) => [u.user, u]));
  return {
    all: [...engines, ...uis],
    engineAt: (time) => engines[Math.min(periods - 1, Math.max(0, Math.floor((time - from) / span)))]!,
    uiOf: (user) => byUser.get(user)!,
  };
}
