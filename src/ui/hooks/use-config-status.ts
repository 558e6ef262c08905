// Which config this instance runs, for the header: asked at start and after every config
// event (which the engine feed hands over: the dashboard keeps one subscription); a reload
// is also said on the status line ("Config reloaded: 2 tasks changed, 1 user changed"), and
// what it took out of this user's sight closes.
import { useCallback, useEffect, useState, type Dispatch } from 'react';
import type { EngineApi } from '../../engine/api.js';
import { oneLine } from '../../engine/text/sanitize.js';
import type { ConfigStatus, EngineEvent } from '../../engine/types.js';
import type { DashboardAction } from '../state/dashboard-reducer.js';
import { useUi } from '../ui-context.js';

export type ConfigEvent = Extract<
  EngineEvent,
  { type: 'config-reloaded' | 'config-error' | 'config-differs' | 'config-restart-needed' }
>;

export function useConfigStatus(
  engine: EngineApi,
  dispatch: Dispatch<DashboardAction>,
): { status: ConfigStatus | null; onConfigEvent: (event: ConfigEvent) => void } {
  const { t } = useUi();
  const [status, setStatus] = useState<ConfigStatus | null>(null);
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    let alive = true;
    void engine.configStatus().then(
      (s) => alive && setStatus(s),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [engine, asked]);
  const onConfigEvent = useCallback(
    (event: ConfigEvent) => {
      if (event.type === 'config-reloaded') {
        const r = t.configReloaded;
        const counts = [event.changed.length, event.added.length, event.removed.length, event.users.length];
        const parts = [r.changed(counts[0]!), r.added(counts[1]!), r.removed(counts[2]!), r.users(counts[3]!)].filter(
          (_, i) => counts[i]! > 0,
        );
        const hidden = event.hidden.length > 0 ? `; ${r.hidden(event.hidden.map(oneLine).join(', '))}` : '';
        dispatch({
          type: 'batch',
          actions: [
            { type: 'tasks-hidden', taskIds: event.hidden },
            {
              type: 'status',
              message: { text: r.title(parts.length > 0 ? parts.join(', ') : r.none) + hidden, tone: 'info' },
            },
          ],
        });
      }
      setAsked((n) => n + 1);
    },
    [dispatch, t],
  );
  return { status, onConfigEvent };
}
