// The dashboard's public face for the entry point (src/main.ts).
export { startDashboard, type DashboardHandle, type DashboardOptions } from './start-dashboard.js';
export { languageFromEnv, wantsAscii, wantsColor } from './terminal-env.js';
