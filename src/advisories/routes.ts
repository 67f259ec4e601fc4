// Advisories and exposure over HTTP: the advisory list and pages, the reports (per advisory, hosts at risk, per
// host), local ratings, and imports of a feed sent as the request body.
import { Type } from 'typebox';
import type { App } from '../core/http/app.js';
import { IdParams, Paging, page } from '../core/http/schemas.js';
import { sendCsv, toCsv } from '../core/http/csv.js';
import { type AnswerCache, firstAfter } from '../core/http/answer-cache.js';
import { requestScope } from '../core/auth/permissions.js';
import { AppError } from '../core/errors.js';
import type { AdvisoryService } from './service.js';
import { ratings } from './ratings.js';
import { detectFormat, feedFormats, type FeedFormat } from './importers/index.js';
import { FeedFormatError } from './model.js';

const tags = ['advisories'];
const AdvisoryParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
const Format = Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')]));

export function registerAdvisoryRoutes(app: App, advisories: AdvisoryService, importBodyLimit: number, reports: AnswerCache): void {
  app.get(
    '/api/v1/advisories',
    {
      config: { permission: 'advisories:read' },
      schema: {
        tags,
        description: 'Advisories by search in ids, CVEs, package names and titles; `affecting=true` keeps those with open exposures (always so for customer users).',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          release: Type.Optional(Type.String({ maxLength: 64 })),
          source: Type.Optional(Type.Union([Type.Literal('debian'), Type.Literal('ubuntu')])),
          affecting: Type.Optional(Type.Boolean()),
          ...Paging,
        }),
      },
    },
    async (request) => {
      const { limit, offset, q, ...f } = request.query;
      return advisories.list(requestScope(request), { ...f, q: q || undefined }, page({ limit, offset }));
    },
  );

  app.get('/api/v1/advisories/:id', { config: { permission: 'advisories:read' }, schema: { tags, params: AdvisoryParams } }, async (request) =>
    advisories.detail(request.params.id),
  );

  app.get(
    '/api/v1/advisories/:id/report',
    {
      config: { permission: 'advisories:read' },
      schema: { tags, description: 'Hosts the advisory hits now, per customer and patching policy, and the portion remediated; `format=csv`: the hosts still affected.', params: AdvisoryParams, querystring: Type.Object({ format: Format }) },
    },
    async (request, reply) => {
      const s = requestScope(request);
      const { value: report, json } = await reports.get(`advisory\u0000${request.params.id}\u0000${s.customerId}`, async () => {
        const built = await advisories.reports.advisory(s, request.params.id);
        const hosts = built.customers.flatMap((c) => c.policies.flatMap((p) => p.hosts));
        return { value: built, until: firstAfter(new Date(), hosts.flatMap((h) => [h.awaitingUntil, h.mark?.expiresAt])) };
      });
      if (request.query.format !== 'csv') return reply.type('application/json; charset=utf-8').send(json);
      const rows = report.customers.flatMap((c) => c.policies.flatMap((p) => p.hosts.map((h) => ({ customer: c.customer?.name ?? '', host: h }))));
      return sendCsv(
        reply,
        `${request.params.id}-remaining-hosts.csv`,
        toCsv(
          [
            { header: 'host', value: (r) => r.host.name },
            { header: 'customer', value: (r) => r.customer },
            { header: 'release', value: (r) => r.host.release },
            { header: 'tags', value: (r) => r.host.tags.join('|') },
            { header: 'policy', value: (r) => r.host.policy?.name ?? '' },
            { header: 'status', value: (r) => r.host.status },
            { header: 'awaiting_until', value: (r) => r.host.awaitingUntil ?? '' },
            { header: 'packages', value: (r) => r.host.packages.map((p) => `${p.package} ${p.installedVersion}`).join('|') },
          ],
          rows,
        ),
      );
    },
  );

  app.put(
    '/api/v1/advisories/:id/rating',
    {
      config: { permission: 'advisories:write' },
      schema: { tags, description: `A local rating (${ratings.join(', ')}), or null to clear it.`, params: AdvisoryParams, body: Type.Object({ rating: Type.Union([Type.String({ maxLength: 20 }), Type.Null()]) }) },
    },
    async (request, reply) => {
      await advisories.rate(request.params.id, request.body.rating, request.principal!.username);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/exposure/hosts',
    {
      config: { permission: 'advisories:read' },
      schema: { tags, description: 'Hosts with outstanding advisories, worst first.', querystring: Type.Object({ customer: Type.Optional(Type.Integer({ minimum: 1 })), format: Format }) },
    },
    async (request, reply) => {
      const hosts = await advisories.hostsAtRisk(requestScope(request), request.query.customer);
      if (request.query.format !== 'csv') return { items: hosts };
      return sendCsv(
        reply,
        'hosts-at-risk.csv',
        toCsv(
          [
            { header: 'host', value: (h) => h.host.name },
            { header: 'customer', value: (h) => h.host.customerName },
            { header: 'advisories', value: (h) => h.advisories },
            { header: 'fix_available', value: (h) => h.fixAvailable },
            { header: 'unfixed', value: (h) => h.unfixed },
            { header: 'worst', value: (h) => h.worst },
          ],
          hosts,
        ),
      );
    },
  );

  app.get(
    '/api/v1/hosts/:id/exposures',
    { config: { permission: 'hosts:read' }, schema: { tags, description: "A host's open exposures and the fix command; `format=csv`: one line per exposure, kernels not running included.", params: IdParams, querystring: Type.Object({ format: Format }) } },
    async (request, reply) => {
      const exposures = await advisories.hostExposures(requestScope(request), request.params.id);
      if (request.query.format !== 'csv') return exposures;
      return sendCsv(
        reply,
        `host-${request.params.id}-exposures.csv`,
        toCsv(
          [
            { header: 'advisory', value: (e) => e.advisory },
            { header: 'package', value: (e) => e.package },
            { header: 'arch', value: (e) => e.arch },
            { header: 'installed_version', value: (e) => e.installedVersion },
            { header: 'fixed_version', value: (e) => e.fixedVersion },
            { header: 'state', value: (e) => e.state },
            { header: 'kernel_not_running', value: (e) => e.notRunning },
            { header: 'opened_at', value: (e) => e.openedAt },
          ],
          [...exposures.exposures, ...exposures.notRunningKernels],
        ),
      );
    },
  );

  app.post(
    '/api/v1/advisories/import',
    {
      config: { permission: 'advisories:write' },
      bodyLimit: importBodyLimit,
      schema: {
        tags,
        description: `A feed as the body (text/plain or application/json), all or nothing; \`format\`: ${Object.keys(feedFormats).join(', ')} (found from the content when not given).`,
        querystring: Type.Object({ format: Type.Optional(Type.Union(Object.keys(feedFormats).map((f) => Type.Literal(f)))) }),
      },
    },
    async (request) => {
      const text = typeof request.body === 'string' ? request.body : request.body === undefined ? '' : JSON.stringify(request.body);
      try {
        const format: FeedFormat = request.query.format ?? detectFormat(text, 'the request body');
        return await advisories.importFeed(feedFormats[format].parse(text));
      } catch (err) {
        if (err instanceof FeedFormatError) throw new AppError('unprocessable', err.message, { where: err.where });
        throw err;
      }
    },
  );
}
