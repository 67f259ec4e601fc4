// Vitest global set-up: compiles the sources once per test run into dist/test-cli, so that the tests that start the
// real `steward` CLI run plain Node (about 1 s a start) instead of Node through tsx (about 2.5 s). The output is
// always rebuilt from the sources under test (incrementally: a few seconds when little changed), never a stale build.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { cliEntry, compiledCliDir, repoRoot } from '../helpers/cli-entry.js';

export default function compileCli(): void {
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const args = ['-p', 'tsconfig.build.json', '--outDir', compiledCliDir, '--declaration', 'false', '--sourceMap', 'false', '--incremental', '--tsBuildInfoFile', join(compiledCliDir, '.tsbuildinfo')];
  execFileSync(process.execPath, [tsc, ...args], { cwd: repoRoot, stdio: 'inherit' });
  process.env.STEWARD_TEST_CLI = cliEntry;
}
