// `steward version update|list`: send one app version update as a Partisci client would (UDP, or HTTP with an
// answer), and list the app version records on the configured database.
import { hostname } from 'node:os';
import type { Command } from 'commander';
import { unscoped } from '../core/auth/permissions.js';
import { toCsv } from '../core/http/csv.js';
import { defaultUdpPort, recordSortColumns, sendHttp, sendUdp, type HmacKey, type RecordFilter, type RecordRow, type RecordSort, type VersionUpdate } from '../inventory/index.js';
import { CliError, parseId, parseInteger, printTable, withSteward } from './context.js';

const defaultHttpUrl = 'http://127.0.0.1:8080';
const maxInstance = 65535;

interface UpdateOptions {
  server?: string;
  port?: string;
  http?: string | true;
  token?: string;
  hmacKey?: string;
  appData?: string;
  verbose?: boolean;
}

interface ListOptions {
  appId?: string;
  host?: string;
  ver?: string;
  instance?: string;
  hostId?: string;
  since?: string;
  updatedSince?: string;
  query?: string;
  sort: string;
  order: string;
  limit?: string;
  offset?: string;
  json?: boolean;
  csv?: boolean;
}

const tableColumns = ['appId', 'app', 'ver', 'host', 'instance', 'hostIp', 'versionSince', 'lastSeen', 'hostId'];
/** The columns of `GET /api/v1/app-versions?format=csv`, in its order and with its snake_case headers. */
const csvColumns = ['appId', 'app', 'ver', 'host', 'instance', 'hostIp', 'firstSeen', 'lastSeen', 'versionSince', 'hostId', 'appData'] as const satisfies readonly (keyof RecordRow)[];
const snakeCase = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** `id:secret`, split at the first colon (a secret may hold colons, a key id may not). */
function parseHmacKey(text: string, what: string): HmacKey {
  const cut = text.indexOf(':');
  if (cut < 1 || cut === text.length - 1) throw new CliError(`${what}: expected <key id>:<secret>`);
  return { id: text.slice(0, cut), secret: text.slice(cut + 1) };
}

function parseAppData(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new CliError(`--app-data: not JSON: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new CliError('--app-data: expected a JSON object, e.g. {"build":"42"}');
  return value as Record<string, unknown>;
}

/** An ISO 8601 date or time, as the UTC text the database compares with (a time with an offset is converted). */
function parseTime(text: string, what: string): string {
  const ms = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) throw new CliError(`${what}: expected an ISO 8601 date or time such as 2026-01-31 or 2026-01-31T12:00:00Z, got ${JSON.stringify(text)}`);
  return new Date(ms).toISOString();
}

function oneOf<T extends string>(text: string, choices: readonly T[], what: string): T {
  if (!(choices as readonly string[]).includes(text)) throw new CliError(`${what}: expected one of ${choices.join(', ')}, got ${JSON.stringify(text)}`);
  return text as T;
}

const optional = <T>(text: string | undefined, parse: (text: string) => T): T | undefined => (text === undefined ? undefined : parse(text));

async function sendOne(app: string, ver: string, host: string | undefined, instanceText: string | undefined, opts: UpdateOptions): Promise<void> {
  const update: VersionUpdate = {
    app,
    ver,
    host: host ?? hostname(),
    instance: instanceText === undefined ? 0 : parseInteger(instanceText, 'INSTANCE', 0, maxInstance),
    appData: optional(opts.appData, parseAppData),
  };
  const keyText = opts.hmacKey ?? (process.env.STEWARD_PARTISCI_HMAC_KEY || undefined);
  const hmacKey = optional(keyText, (t) => parseHmacKey(t, opts.hmacKey !== undefined ? '--hmac-key' : 'STEWARD_PARTISCI_HMAC_KEY'));
  const what = `${update.app} ${update.ver} (host ${update.host}, instance ${update.instance})`;
  if (opts.http !== undefined) {
    if (opts.server !== undefined || opts.port !== undefined) throw new CliError('--server and --port are for UDP; with --http give the server URL: --http http://host:8080');
    const url = opts.http === true ? defaultHttpUrl : opts.http;
    await sendHttp(update, { url, token: opts.token ?? (process.env.STEWARD_TOKEN || undefined), hmacKey });
    if (opts.verbose) process.stdout.write(`sent ${what} to ${url}: accepted\n`);
    return;
  }
  if (opts.token !== undefined) throw new CliError('--token is for --http; UDP updates are signed with --hmac-key instead');
  const server = opts.server ?? 'localhost';
  const port = opts.port === undefined ? defaultUdpPort : parseInteger(opts.port, '--port', 1, 65535);
  await sendUdp(update, { server, port, hmacKey });
  if (opts.verbose) process.stdout.write(`sent ${what} over UDP to ${server}:${port} (UDP cannot confirm delivery; --http can)\n`);
}

async function list(opts: ListOptions, command: Command): Promise<void> {
  if (opts.json && opts.csv) throw new CliError('--json and --csv: choose one');
  const filter: RecordFilter = {
    appId: opts.appId,
    host: opts.host,
    ver: opts.ver,
    instance: optional(opts.instance, (t) => parseInteger(t, '--instance', 0, maxInstance)),
    hostId: optional(opts.hostId, (t) => parseId(t, '--host-id')),
    since: optional(opts.since, (t) => parseTime(t, '--since')),
    updatedSince: optional(opts.updatedSince, (t) => parseTime(t, '--updated-since')),
    q: opts.query || undefined,
  };
  const sort = oneOf(opts.sort, Object.keys(recordSortColumns) as RecordSort[], '--sort');
  const order = oneOf(opts.order, ['asc', 'desc'] as const, '--order');
  const limit = optional(opts.limit, (t) => parseInteger(t, '--limit', 1, 100_000));
  const offset = optional(opts.offset, (t) => parseInteger(t, '--offset', 0, Number.MAX_SAFE_INTEGER));
  // As with ?format=csv, a CSV export holds every matching record unless a page is asked for.
  const page = opts.csv && limit === undefined && offset === undefined ? null : { limit: limit ?? 50, offset: offset ?? 0 };
  await withSteward(command, async (s) => {
    const { items, total } = await s.apps.records(unscoped, filter, sort, order, page);
    if (opts.json) process.stdout.write(`${JSON.stringify({ items, total }, null, 2)}\n`);
    else if (opts.csv) process.stdout.write(toCsv(csvColumns.map((key) => ({ header: snakeCase(key), value: (r: RecordRow) => r[key] })), items));
    else {
      printTable(items as unknown as Record<string, unknown>[], tableColumns);
      if (total > items.length) process.stdout.write(`(${items.length} of ${total} shown; --limit and --offset show others)\n`);
    }
  });
}

export function registerVersions(program: Command): void {
  const version = program.command('version').description('app versions: which version of which app runs where (Partisci-compatible)');
  version
    .command('update <app> <version> [host] [instance]')
    .summary('send one app version update (UDP, or HTTP with --http)')
    .description('send one app version update; HOST defaults to this machine\'s name, INSTANCE to 0. Over UDP (the default) nothing confirms delivery; --http waits for the server\'s answer')
    .option('--server <name>', 'server to send the UDP datagram to (default localhost)')
    .option('--port <n>', `the server's UDP port, its partisci.port (default ${defaultUdpPort})`)
    .option('--http [url]', `send over HTTP to this Steward URL instead (default ${defaultHttpUrl})`)
    .option('--token <token>', 'agent or API token for --http (or STEWARD_TOKEN)')
    .option('--hmac-key <id:secret>', 'sign the update, for servers with partisci.auth: required (or STEWARD_PARTISCI_HMAC_KEY); with --http a token is used instead when given')
    .option('--app-data <json>', 'a JSON object kept with the record, e.g. \'{"build":"42"}\'')
    .option('--verbose', 'say what was sent')
    .action((app: string, ver: string, host: string | undefined, instance: string | undefined, opts: UpdateOptions) => sendOne(app, ver, host, instance, opts));
  version
    .command('list')
    .summary('list app version records')
    .description('list app version records from the database: what a running server has written (it writes updates in batches, within seconds)')
    .option('--app-id <id>', 'only this app (its id: lower case, [0-9a-z_])')
    .option('--host <name>', 'only records of this host name')
    .option('--ver <version>', 'only this version')
    .option('--instance <n>', 'only this instance')
    .option('--host-id <id>', 'only records of this inventory host (matched by name or machine-id)')
    .option('--since <iso>', 'only records whose version appeared or changed at or after this time')
    .option('--updated-since <iso>', 'only records updated at or after this time')
    .option('-q, --query <text>', 'search in app ids, hosts and versions')
    .option('--sort <column>', `one of ${Object.keys(recordSortColumns).join(', ')}`, 'app')
    .option('--order <order>', 'asc or desc', 'asc')
    .option('--limit <n>', 'at most this many records (default 50; --csv: all)')
    .option('--offset <n>', 'skip this many records first (default 0)')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV (the columns of GET /api/v1/app-versions?format=csv)')
    .action((opts: ListOptions, command: Command) => list(opts, command));
}
