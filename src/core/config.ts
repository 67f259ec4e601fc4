// Configuration: defaults < steward.yaml < environment variables < command-line flags.
// Every key is documented in docs/configuration.md; keep the two in step.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import YAML from 'yaml';
import { parseDuration, parseSize } from './duration.js';

export const allRoles = ['api', 'worker', 'udp'] as const;
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
  partisci: PartisciConfig;
  /** Largest advisory feed accepted by `POST /api/v1/advisories/import` (the tracker JSON is tens of MB), and read
   *  from a configured feed or by `steward advisories import`. */
  advisoryImportLimit: number;
  /** How long fetching one advisory feed may take, body included, before it counts as failed. */
  advisoryFeedTimeoutMs: number;
}

/** App version updates (the Partisci-compatible collector). */
export interface PartisciConfig {
  /** UDP port of the `udp` role; 0 picks a free one. */
  port: number;
  host: string;
  /** `--partisci-danger`: `POST /api/v1/_danger/clear/` empties the live view. */
  danger: boolean;
  /** `none`: anyone may send updates (Partisci's way); `required`: HTTP updates need a token or a signature, UDP
   *  updates a signature. */
  auth: 'none' | 'required';
  /** Signing keys by id (HMAC-SHA256). */
  hmacKeys: Map<string, string>;
  /** Name a host that sent no name after the reverse lookup of its address. */
  reverseLookup: boolean;
  /** Records not updated for this long leave the live view; 0 keeps them. */
  trimAfterMs: number;
  /** Longest wait in memory of an update that changes something. */
  flushMs: number;
  /** Longest wait in memory of an update that repeats what is stored (only its last_seen moves). */
  touchMs: number;
  /** Receive buffer asked for the UDP socket: what it holds while the listener is busy (Linux caps it at
   *  net.core.rmem_max and doubles it). */
  receiveBuffer: number;
}

/** Flags as given on the command line; undefined means "not given". */
export type ConfigOverrides = Partial<Pick<Config, 'dataDir' | 'host' | 'port' | 'databaseUrl' | 'logLevel' | 'roles' | 'workers'>> & {
  partisciPort?: number;
  partisciDanger?: boolean;
};

interface FileConfig {
  dataDir?: string;
  host?: string;
  port?: number;
  databaseUrl?: string;
  logLevel?: string;
  roles?: string[] | string;
  workers?: number;
  inventory?: { absentAfter?: string; absentSweep?: string; reportBodyLimit?: string };
  advisories?: { importBodyLimit?: string; feedTimeout?: string };
  auth?: { sessionTtl?: string; cookieSecure?: boolean };
  partisci?: {
    port?: number;
    host?: string;
    auth?: string;
    hmacKeys?: Record<string, string>;
    reverseLookup?: boolean;
    trimAfter?: string;
    flushInterval?: string;
    repeatInterval?: string;
    receiveBuffer?: string;
  };
}

const knownTop = new Set(['dataDir', 'host', 'port', 'databaseUrl', 'logLevel', 'roles', 'workers', 'inventory', 'auth', 'partisci', 'advisories']);

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
  const host = overrides.host ?? env.STEWARD_HOST ?? file.host ?? '127.0.0.1';
  const p = file.partisci ?? {};
  return {
    dataDir,
    host,
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
    advisoryImportLimit: parseSize(env.STEWARD_ADVISORY_IMPORT_LIMIT ?? file.advisories?.importBodyLimit ?? '256mb', 'advisories.importBodyLimit'),
    advisoryFeedTimeoutMs: parseDuration(env.STEWARD_ADVISORY_FEED_TIMEOUT ?? file.advisories?.feedTimeout ?? '60s', 'advisories.feedTimeout'),
    partisci: {
      port: parsePort(overrides.partisciPort ?? env.STEWARD_PARTISCI_PORT ?? p.port ?? 7777, 'partisci.port'),
      host: env.STEWARD_PARTISCI_HOST ?? p.host ?? host,
      danger: overrides.partisciDanger ?? false,
      auth: parseChoice(env.STEWARD_PARTISCI_AUTH ?? p.auth ?? 'none', ['none', 'required'] as const, 'partisci.auth'),
      hmacKeys: parseHmacKeys(env.STEWARD_PARTISCI_HMAC_KEYS, p.hmacKeys),
      reverseLookup: parseFlag(env.STEWARD_PARTISCI_REVERSE_LOOKUP ?? p.reverseLookup ?? false, 'partisci.reverseLookup'),
      trimAfterMs: parseOptionalDuration(env.STEWARD_PARTISCI_TRIM_AFTER ?? p.trimAfter ?? '7d', 'partisci.trimAfter'),
      flushMs: parseDuration(p.flushInterval ?? '1s', 'partisci.flushInterval'),
      touchMs: parseDuration(p.repeatInterval ?? '5s', 'partisci.repeatInterval'),
      receiveBuffer: parseSize(env.STEWARD_PARTISCI_RECEIVE_BUFFER ?? p.receiveBuffer ?? '32mb', 'partisci.receiveBuffer'),
    },
  };
}

function parseChoice<T extends string>(value: string, choices: readonly T[], what: string): T {
  if (!(choices as readonly string[]).includes(value)) throw new Error(`${what}: expected one of ${choices.join(', ')}, got ${JSON.stringify(value)}`);
  return value as T;
}

function parseFlag(value: string | boolean, what: string): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new Error(`${what}: expected true or false, got ${JSON.stringify(value)}`);
}

/** A duration, or `0`/`off` for never. */
function parseOptionalDuration(value: string, what: string): number {
  return value === '0' || value === 'off' ? 0 : parseDuration(value, what);
}

/** `id:secret,id2:secret2` from the environment, or a mapping in the file. */
function parseHmacKeys(fromEnv: string | undefined, fromFile: Record<string, string> | undefined): Map<string, string> {
  const entries: [string, string][] =
    fromEnv !== undefined
      ? fromEnv.split(',').filter(Boolean).map((pair) => {
          const cut = pair.indexOf(':');
          if (cut < 1) throw new Error('STEWARD_PARTISCI_HMAC_KEYS: expected id:secret pairs separated by commas');
          return [pair.slice(0, cut).trim(), pair.slice(cut + 1)];
        })
      : Object.entries(fromFile ?? {});
  for (const [id, secret] of entries) {
    if (!/^[^:\s]+$/.test(id)) throw new Error(`partisci.hmacKeys: key id ${JSON.stringify(id)} must have no spaces or colons`);
    if (typeof secret !== 'string' || secret.length < 16) throw new Error(`partisci.hmacKeys: the secret of key ${id} must be a string of at least 16 characters`);
  }
  return new Map(entries);
}

function parseWorkers(value: string | number): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`workers: expected 1..64 processes, got ${value}`);
  return n;
}

export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//.test(url);
