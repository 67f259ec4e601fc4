// Configuration: defaults < steward.yaml < environment variables < command-line flags.
// Every key is documented in docs/configuration.md; keep the two in step.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import YAML from 'yaml';
import { parseDuration, parseSize } from './duration.js';

export const allRoles = ['api', 'worker'] as const;
export type Role = (typeof allRoles)[number];

export interface Config {
  dataDir: string;
  host: string;
  port: number;
  /** `postgres://…` or a SQLite file path; defaults to `<dataDir>/steward.db`. */
  databaseUrl: string;
  logLevel: string;
  roles: Role[];
  /** HTTP worker processes sharing the port (node:cluster); more than 1 uses more cores. */
  workers: number;
  /** Hosts silent for this long are marked absent. */
  absentAfterMs: number;
  /** How often the absent-host sweep runs. */
  absentSweepMs: number;
  /** Largest host report body accepted (a dpkg status file of a big host is a few MB). */
  reportBodyLimit: number;
  sessionTtlMs: number;
  /** Set when Steward is served over TLS (directly or behind a proxy), so cookies are marked Secure. */
  cookieSecure: boolean;
  /** First admin's password, used only when the database has no user yet. */
  adminPassword?: string;
}

/** Flags as given on the command line; undefined means "not given". */
export type ConfigOverrides = Partial<Pick<Config, 'dataDir' | 'host' | 'port' | 'databaseUrl' | 'logLevel' | 'roles' | 'workers'>>;

interface FileConfig {
  dataDir?: string;
  host?: string;
  port?: number;
  databaseUrl?: string;
  logLevel?: string;
  roles?: string[] | string;
  workers?: number;
  inventory?: { absentAfter?: string; absentSweep?: string; reportBodyLimit?: string };
  auth?: { sessionTtl?: string; cookieSecure?: boolean };
}

const knownTop = new Set(['dataDir', 'host', 'port', 'databaseUrl', 'logLevel', 'roles', 'workers', 'inventory', 'auth']);

function readConfigFile(path: string): FileConfig {
  let parsed: unknown;
  try {
    parsed = YAML.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path}: ${(err as Error).message}`);
  }
  if (parsed == null) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${path}: expected a mapping at the top`);
  for (const key of Object.keys(parsed)) {
    if (!knownTop.has(key)) throw new Error(`${path}: unknown setting "${key}" (see docs/configuration.md)`);
  }
  return parsed as FileConfig;
}

function parseRoles(value: string[] | string, what: string): Role[] {
  const list = (Array.isArray(value) ? value : value.split(',')).map((r) => r.trim()).filter(Boolean);
  for (const r of list) {
    if (!(allRoles as readonly string[]).includes(r)) {
      throw new Error(`${what}: unknown role "${r}" (expected ${allRoles.join(', ')})`);
    }
  }
  if (list.length === 0) throw new Error(`${what}: at least one role is needed`);
  return list as Role[];
}

function parsePort(value: string | number, what: string): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${what}: expected a port 0..65535, got ${value}`);
  return n;
}

export function loadConfig(
  overrides: ConfigOverrides = {},
  env: NodeJS.ProcessEnv = process.env,
  configPath?: string,
): Config {
  const path = configPath ?? env.STEWARD_CONFIG ?? (existsSync('steward.yaml') ? 'steward.yaml' : undefined);
  if (configPath && !existsSync(configPath)) throw new Error(`config file ${configPath} does not exist`);
  const file = path ? readConfigFile(path) : {};

  const dataDir = resolve(overrides.dataDir ?? env.STEWARD_DATA_DIR ?? file.dataDir ?? 'data');
  const rawRoles = overrides.roles ?? env.STEWARD_ROLES ?? file.roles;
  const absentAfter = env.STEWARD_ABSENT_AFTER ?? file.inventory?.absentAfter ?? '7d';
  return {
    dataDir,
    host: overrides.host ?? env.STEWARD_HOST ?? file.host ?? '127.0.0.1',
    port: parsePort(overrides.port ?? env.STEWARD_PORT ?? file.port ?? 8080, 'port'),
    databaseUrl: overrides.databaseUrl ?? env.STEWARD_DATABASE_URL ?? file.databaseUrl ?? resolve(dataDir, 'steward.db'),
    logLevel: overrides.logLevel ?? env.STEWARD_LOG_LEVEL ?? file.logLevel ?? 'info',
    roles: rawRoles ? parseRoles(rawRoles, 'roles') : [...allRoles],
    workers: parseWorkers(overrides.workers ?? env.STEWARD_WORKERS ?? file.workers ?? 1),
    absentAfterMs: parseDuration(absentAfter, 'inventory.absentAfter'),
    absentSweepMs: parseDuration(env.STEWARD_ABSENT_SWEEP ?? file.inventory?.absentSweep ?? '1m', 'inventory.absentSweep'),
    reportBodyLimit: parseSize(
      env.STEWARD_REPORT_BODY_LIMIT ?? file.inventory?.reportBodyLimit ?? '32mb',
      'inventory.reportBodyLimit',
    ),
    sessionTtlMs: parseDuration(env.STEWARD_SESSION_TTL ?? file.auth?.sessionTtl ?? '12h', 'auth.sessionTtl'),
    cookieSecure: (env.STEWARD_COOKIE_SECURE ?? String(file.auth?.cookieSecure ?? false)) === 'true',
    adminPassword: env.STEWARD_ADMIN_PASSWORD,
  };
}

function parseWorkers(value: string | number): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`workers: expected 1..64 processes, got ${value}`);
  return n;
}

export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//.test(url);
