// Which config this instance runs, for the header: asked at start and after every config
// event; a reload is also said on the status line ("Config reloaded: 2 tasks changed, 1 added").
import { useEffect, useState, type Dispatch } from 'react';
import type { EngineApi } from '../../engine/api.js';
import type { ConfigStatus } from '../../engine/types.js';
import type { DashboardAction } from '../state/dashboard-reducer.js';
import { useUi } from '../ui-context.js';

export function useConfigStatus(engine: EngineApi, dispatch: Dispatch<DashboardAction>): ConfigStatus | null {
  const { t } = useUi();
  const [status, setStatus] = useState<ConfigStatus | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () =>
      void engine.configStatus().then(
        (s) => alive && setStatus(s),
        () => undefined,
      );
    load();
    const unsubscribe = engine.subscribe((event) => {
      if (event.type === 'config-reloaded') {
        const r = t.configReloaded;
        const parts = [r.changed(event.changed.length), r.added(event.added.length), r.removed(event.removed.length)].filter((_, i) => [event.changed, event.added, event.removed][i]!.length > 0);
        dispatch({ type: 'status', message: { text: r.title(parts.length > 0 ? parts.join(', ') : r.none), tone: 'info' } });
      }
      if (event.type === 'config-reloaded' || event.type === 'config-error' || event.type === 'config-differs') load();
    });
    return () => {
      alive = false;
      unsubscribe();
    };
  }, [engine, dispatch, t]);
  return status;
}
