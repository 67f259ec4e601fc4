export { parseDpkgStatus } from './dpkg-status.js';
export { parseOsqueryDebPackages } from './osquery.js';
export { parseStewardDelta, parseStewardReport } from './steward-json.js';
export { parseOsRelease, type OsRelease } from './os-release.js';
export { normalizePackages } from './normalize.js';
