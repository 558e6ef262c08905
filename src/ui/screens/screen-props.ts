// What every screen gets from the app: the body frame (between header and footer) and the store.
import type { Dispatch } from 'react';
import type { Frame } from '../layout.js';
import type { DashboardAction } from '../state/dashboard-reducer.js';

export interface ScreenProps {
  frame: Frame;
  dispatch: Dispatch<DashboardAction>;
}

export { NO_OFFER } from '../refusals.js';
