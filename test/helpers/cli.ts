// Runs the real `steward` CLI (from the TypeScript sources, through tsx) as a child process.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './fixtures.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'src/cli/main.ts'), ...args],
      { cwd: repoRoot, env: { ...process.env, STEWARD_LOG_LEVEL: 'warn', ...options.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
    if (options.input !== undefined) child.stdin!.end(options.input);
    else child.stdin!.end();
  });
}
