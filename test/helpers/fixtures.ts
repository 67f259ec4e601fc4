// Where the shared real-data fixtures live: ../shared/fixtures beside the checkout (as on CI), or STEWARD_FIXTURES.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const fixturesDir = process.env.STEWARD_FIXTURES ?? resolve(repoRoot, '../shared/fixtures');

if (!existsSync(fixturesDir)) {
  throw new Error(`fixtures not found at ${fixturesDir}: put shared/ beside the checkout or set STEWARD_FIXTURES`);
}

export const fixture = (...parts: string[]): string => resolve(fixturesDir, ...parts);
