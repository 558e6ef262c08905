// The dashboard's public face for the entry point (src/main.ts).
export {
  openDashboard,
  startDashboard,
  type DashboardHandle,
  type DashboardOptions,
  type OpeningDashboard,
} from './start-dashboard.js';
export { languageFromEnv, wantsAscii, wantsColor } from './terminal-env.js';
