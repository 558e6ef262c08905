// A status message fades after a while, so an old answer is not mistaken for a new one.
import { useEffect, type Dispatch } from 'react';
import type { DashboardAction } from '../state/dashboard-reducer.js';
import type { StatusMessage } from '../state/dashboard-state.js';

export function useStatusExpiry(
  message: StatusMessage | null,
  dispatch: Dispatch<DashboardAction>,
  afterMs = 8000,
): void {
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => dispatch({ type: 'status', message: null }), afterMs);
    return () => clearTimeout(timer);
  }, [message, dispatch, afterMs]);
}
