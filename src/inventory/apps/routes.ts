// Steward's own app version API: per-app and per-host summaries, records with filters, history, the spread of
// versions over time, CSV exports. ISO 8601 times and Steward's error envelope, unlike the Partisci routes.
import { Type } from 'typebox';
import type { App } from '../../core/http/app.js';
import { IdParams, Paging, page } from '../../core/http/schemas.js';
import { sendCsv, toCsv } from '../../core/http/csv.js';
import { requestScope } from '../../core/auth/permissions.js';
import { appSorts, hostSorts, type AppSummary, type AppVersionService } from './service.js';
import { recordSortColumns, type RecordRow } from './store.js';
import type { InventoryService } from '../service.js';

/** Stored times are UTC text ("…Z") compared as text: a time given with an offset is brought to UTC first. */
const utc = (time: string | undefined) => (time === undefined ? undefined : new Date(time).toISOString());

const literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Order = Type.Optional(literals(['asc', 'desc']));
const Time = Type.String({ format: 'date-time' });
const Format = Type.Optional(literals(['json', 'csv']));
const tags = ['app versions'];

const RecordQuery = Type.Object({
  appId: Type.Optional(Type.String({ maxLength: 200 })),
  host: Type.Optional(Type.String({ maxLength: 200 })),
  ver: Type.Optional(Type.String({ maxLength: 200 })),
  instance: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
  hostId: Type.Optional(Type.Integer({ minimum: 1 })),
  since: Type.Optional(Time),
  updatedSince: Type.Optional(Time),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  sort: Type.Optional(literals(Object.keys(recordSortColumns))),
  order: Order,
  format: Format,
  ...Paging,
});

const SummaryQuery = (sorts: readonly string[]) =>
  Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })), updatedSince: Type.Optional(Time), sort: Type.Optional(literals(sorts)), order: Order, format: Format, ...Paging });

const recordColumns = [
  { header: 'app_id', value: (r: RecordRow) => r.appId },
  { header: 'app', value: (r: RecordRow) => r.app },
  { header: 'ver', value: (r: RecordRow) => r.ver },
  { header: 'host', value: (r: RecordRow) => r.host },
  { header: 'instance', value: (r: RecordRow) => r.instance },
  { header: 'host_ip', value: (r: RecordRow) => r.hostIp },
  { header: 'first_seen', value: (r: RecordRow) => r.firstSeen },
  { header: 'last_seen', value: (r: RecordRow) => r.lastSeen },
  { header: 'version_since', value: (r: RecordRow) => r.versionSince },
  { header: 'host_id', value: (r: RecordRow) => r.hostId },
  { header: 'app_data', value: (r: RecordRow) => r.appData },
];

// One line per app and version: what a spreadsheet of "which version runs where" needs.
const appVersionColumns = [
  { header: 'app_id', value: (r: { app: AppSummary }) => r.app.appId },
  { header: 'app', value: (r: { app: AppSummary }) => r.app.app },
  { header: 'ver', value: (r: { ver: AppSummary['versions'][number] }) => r.ver.ver },
  { header: 'hosts', value: (r: { ver: AppSummary['versions'][number] }) => r.ver.hostCount },
  { header: 'records', value: (r: { ver: AppSummary['versions'][number] }) => r.ver.recordCount },
  { header: 'last_seen', value: (r: { ver: AppSummary['versions'][number] }) => r.ver.lastSeen },
];

export function registerAppVersionRoutes(app: App, apps: AppVersionService, inventory: InventoryService): void {
  app.get('/api/v1/apps', { config: { permission: 'apps:read' }, schema: { tags, querystring: SummaryQuery(appSorts) } }, async (request, reply) => {
    const q = request.query;
    const csv = q.format === 'csv';
    const result = await apps.apps(requestScope(request), { q: q.q || undefined, updatedSince: utc(q.updatedSince) }, q.sort ?? 'app', q.order ?? 'asc', csv ? { limit: Number.MAX_SAFE_INTEGER, offset: 0 } : page(q));
    if (!csv) return result;
    return sendCsv(reply, 'apps.csv', toCsv(appVersionColumns, result.items.flatMap((a) => a.versions.map((ver) => ({ app: a, ver })))));
  });

  app.get('/api/v1/apps/:appId', { config: { permission: 'apps:read' }, schema: { tags, params: Type.Object({ appId: Type.String({ maxLength: 200 }) }) } }, async (request) =>
    apps.app(requestScope(request), request.params.appId),
  );

  app.get(
    '/api/v1/apps/:appId/spread',
    {
      config: { permission: 'apps:read' },
      schema: {
        tags,
        description: 'How many hosts ran each version over time, in `points` equal intervals (for the chart).',
        params: Type.Object({ appId: Type.String({ maxLength: 200 }) }),
        querystring: Type.Object({ from: Type.Optional(Time), to: Type.Optional(Time), points: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 30 })) }),
      },
    },
    async (request) => {
      const q = request.query;
      return apps.spread(requestScope(request), request.params.appId, { from: q.from, to: q.to, points: q.points ?? 30 });
    },
  );

  app.get('/api/v1/app-versions', { config: { permission: 'apps:read' }, schema: { tags, querystring: RecordQuery } }, async (request, reply) => {
    const { sort, order, format, limit, offset, q, since, updatedSince, ...filter } = request.query;
    const csv = format === 'csv';
    const result = await apps.records(requestScope(request), { ...filter, since: utc(since), updatedSince: utc(updatedSince), q: q || undefined }, sort ?? 'app', order ?? 'asc', csv ? null : page({ limit, offset }));
    return csv ? sendCsv(reply, 'app-versions.csv', toCsv(recordColumns, result.items)) : result;
  });

  app.get(
    '/api/v1/app-history',
    {
      config: { permission: 'apps:read' },
      schema: {
        tags,
        description: 'Version changes, newest first: a record appearing or changing version (`seen`), or leaving the live view (`gone`).',
        querystring: Type.Object({
          appId: Type.Optional(Type.String({ maxLength: 200 })),
          host: Type.Optional(Type.String({ maxLength: 200 })),
          instance: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
          ...Paging,
        }),
      },
    },
    async (request) => {
      const { limit, offset, ...filter } = request.query;
      return { items: await apps.history(requestScope(request), filter, page({ limit, offset })) };
    },
  );

  app.get('/api/v1/app-hosts', { config: { permission: 'apps:read' }, schema: { tags, querystring: SummaryQuery(hostSorts) } }, async (request, reply) => {
    const q = request.query;
    const csv = q.format === 'csv';
    const result = await apps.hosts(requestScope(request), { q: q.q || undefined, updatedSince: utc(q.updatedSince) }, q.sort ?? 'host', q.order ?? 'asc', csv ? { limit: Number.MAX_SAFE_INTEGER, offset: 0 } : page(q));
    if (!csv) return result;
    return sendCsv(
      reply,
      'app-hosts.csv',
      toCsv(
        [
          { header: 'host', value: (h) => h.host },
          { header: 'apps', value: (h) => h.appCount },
          { header: 'records', value: (h) => h.recordCount },
          { header: 'last_seen', value: (h) => h.lastSeen },
          { header: 'host_id', value: (h) => h.hostId },
        ],
        result.items,
      ),
    );
  });

  app.get('/api/v1/app-hosts/:host', { config: { permission: 'apps:read' }, schema: { tags, params: Type.Object({ host: Type.String({ minLength: 1, maxLength: 200 }) }) } }, async (request) =>
    apps.host(requestScope(request), request.params.host),
  );

  app.get('/api/v1/hosts/:id/apps', { config: { permission: 'hosts:read' }, schema: { tags, params: IdParams } }, async (request) => {
    await inventory.getHost(requestScope(request), request.params.id); // 404 for a host the caller may not see
    return apps.records(requestScope(request), { hostId: request.params.id }, 'app', 'asc', null);
  });
}
