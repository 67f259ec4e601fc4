// What every CLI command shares: global options → configuration, opening Steward on the configured database,
// and turning errors into one readable line on stderr with a non-zero exit code.
import type { Command } from 'commander';
import { type Config, type ConfigOverrides, loadConfig } from '../core/config.js';
import { createLogger } from '../core/logger.js';
import { AppError } from '../core/errors.js';
import { openSteward, type Steward } from '../server.js';

export interface GlobalOptions {
  config?: string;
  data?: string;
  database?: string;
  logLevel?: string;
}

export function configFrom(command: Command, extra: ConfigOverrides = {}): Config {
  const g = command.optsWithGlobals<GlobalOptions>();
  return loadConfig(
    { dataDir: g.data, databaseUrl: g.database, logLevel: g.logLevel, ...extra },
    process.env,
    g.config,
  );
}

/** Opens Steward on the configured database for one command, quietly (warnings only, to stderr). */
export async function withSteward<T>(command: Command, fn: (s: Steward) => Promise<T>): Promise<T> {
  const config = configFrom(command);
  const steward = await openSteward(config, createLogger(command.optsWithGlobals<GlobalOptions>().logLevel ?? 'warn', process.stderr));
  try {
    return await fn(steward);
  } finally {
    await steward.close();
  }
}

export class CliError extends Error {}

export function parseId(text: string, what: string): number {
  if (!/^[1-9]\d{0,9}$/.test(text)) throw new CliError(`${what}: expected a numeric id, got ${JSON.stringify(text)}`);
  return Number(text);
}

export function parseInteger(text: string, what: string, min: number, max: number): number {
  const n = /^\d{1,15}$/.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) throw new CliError(`${what}: expected an integer ${min}..${max}, got ${JSON.stringify(text)}`);
  return n;
}

export function reportError(err: unknown): never {
  const message =
    err instanceof AppError || err instanceof CliError || err instanceof Error ? (err as Error).message : String(err);
  process.stderr.write(`steward: ${message}\n`);
  if (err instanceof AppError && err.details && typeof err.details === 'object' && 'problems' in err.details) {
    for (const p of (err.details as { problems: string[] }).problems.slice(1, 20)) process.stderr.write(`  ${p}\n`);
  }
  process.exit(1);
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Prints rows as aligned columns, for humans; `--json` is there for scripts. */
export function printTable(rows: Record<string, unknown>[], columns: string[]): void {
  const cells = rows.map((r) => columns.map((c) => (r[c] == null ? '' : String(r[c]))));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  process.stdout.write(`${line(columns)}\n${cells.map(line).join('\n')}${cells.length ? '\n' : ''}`);
}
