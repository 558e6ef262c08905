// The query groups, loaded together with the driver when a PostgreSQL store is opened.
export * as alerts from './alerts.js';
export * as definitions from './definitions.js';
export * as deliveries from './deliveries.js';
export * as history from './history.js';
export * as leases from './leases.js';
export * as retention from './retention.js';
export * as runs from './runs.js';
export * as state from './state.js';
export * as unrunnable from './unrunnable.js';
