// What every component may read: the engine, the language catalogue and the theme.
import { createContext, useContext } from 'react';
import type { EngineApi } from '../engine/api.js';
import type { Catalogue } from './i18n/index.js';
import type { Theme } from './theme.js';

export interface Ui {
  engine: EngineApi;
  t: Catalogue;
  theme: Theme;
  /** The engine is still starting: the tasks are the preview's (src/cli/dashboard-preview.ts), the header says so. */
  starting?: boolean;
}

const UiContext = createContext<Ui | null>(null);

export const UiProvider = UiContext.Provider;

export function useUi(): Ui {
  const ui = useContext(UiContext);
  if (!ui) throw new Error('useUi() outside <UiProvider>');
  return ui;
}
