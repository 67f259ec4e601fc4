// Remediation marks' door (the remediation module's index re-exports it).
export { markMigrations, markStates, type MarkState } from './schema.js';
export { MarkService, type NewMarks, type MarkTarget, type MarkedHost } from './service.js';
export { MarkStore, type MarkRow } from './store.js';
export { registerMarkRoutes } from './routes.js';
