// Runs the real `steward` CLI (the sources under test, compiled for the run: see cli-entry.ts) as a child process.
import { execFile } from 'node:child_process';
import { cliCommand, repoRoot } from './cli-entry.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [...cliCommand(), ...args],
      { cwd: repoRoot, env: { ...process.env, STEWARD_LOG_LEVEL: 'warn', ...options.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
    if (options.input !== undefined) child.stdin!.end(options.input);
    else child.stdin!.end();
  });
}
