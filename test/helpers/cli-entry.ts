// Where the CLI under test starts: the sources compiled by test/setup/compile-cli.ts when the run compiled them
// (vitest does, once), else the TypeScript sources through tsx (a test file run on its own by other means).
import { join } from 'node:path';
import { repoRoot } from './fixtures.js';

export { repoRoot };
export const compiledCliDir = join(repoRoot, 'dist', 'test-cli');
export const cliEntry = join(compiledCliDir, 'cli', 'main.js');

/** Node's arguments that start the `steward` CLI, before the CLI's own. */
export const cliCommand = (): string[] => (process.env.STEWARD_TEST_CLI ? [process.env.STEWARD_TEST_CLI] : ['--import', 'tsx', join(repoRoot, 'src/cli/main.ts')]);
