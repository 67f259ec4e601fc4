// Inventory over HTTP: host reports in, hosts, packages, history, customers and tags out.
import { Type } from 'typebox';
import type { App } from '../core/http/app.js';
import { IdParams, Paging, page } from '../core/http/schemas.js';
import { requestScope } from '../core/auth/permissions.js';
import { AppError } from '../core/errors.js';
import type { InventoryService } from './service.js';
import { hostSortColumns } from './store.js';
import { parseReportBody } from './report-body.js';
import { importHosts } from './host-import.js';

const IdentityQuery = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 253 })),
  machineId: Type.Optional(Type.String({ maxLength: 64 })),
  customer: Type.Optional(Type.String({ maxLength: 200 })),
  architecture: Type.Optional(Type.String({ maxLength: 32 })),
  osId: Type.Optional(Type.String({ maxLength: 64 })),
  osVersion: Type.Optional(Type.String({ maxLength: 64 })),
  osCodename: Type.Optional(Type.String({ maxLength: 64 })),
  kernel: Type.Optional(Type.String({ maxLength: 200 })),
});

const HostListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  customer: Type.Optional(Type.Integer({ minimum: 1 })),
  tag: Type.Optional(Type.String({ maxLength: 100 })),
  release: Type.Optional(Type.String({ maxLength: 64 })),
  present: Type.Optional(Type.Boolean()),
  sort: Type.Optional(Type.Union(Object.keys(hostSortColumns).map((k) => Type.Literal(k)))),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  ...Paging,
});

export function registerInventoryRoutes(app: App, inventory: InventoryService, opts: { reportBodyLimit: number }): void {
  app.post(
    '/api/v1/hosts/report',
    {
      config: { permission: 'hosts:report' },
      bodyLimit: opts.reportBodyLimit,
      schema: { tags: ['inventory'], querystring: IdentityQuery, description: 'A host reports its identity and installed packages (Steward JSON, full or differential; osquery JSON; or a dpkg status file).' },
    },
    async (request) => {
      const parsed = parseReportBody(request.headers['content-type'], request.body, request.query);
      return parsed.kind === 'full' ? inventory.ingest(parsed.report) : inventory.ingestDelta(parsed.delta);
    },
  );

  app.get('/api/v1/hosts', { config: { permission: 'hosts:read' }, schema: { tags: ['inventory'], querystring: HostListQuery } }, async (request) => {
    const q = request.query;
    return inventory.listHosts(
      requestScope(request),
      { q: q.q || undefined, customerId: q.customer, tag: q.tag || undefined, release: q.release || undefined, present: q.present },
      q.sort ?? 'name',
      q.order ?? 'asc',
      page(q),
    );
  });

  app.get('/api/v1/hosts/facets', { config: { permission: 'hosts:read' }, schema: { tags: ['inventory'] } }, async (request) =>
    inventory.facets(requestScope(request)),
  );

  app.get('/api/v1/hosts/:id', { config: { permission: 'hosts:read' }, schema: { tags: ['inventory'], params: IdParams } }, async (request) =>
    inventory.getHost(requestScope(request), request.params.id),
  );

  app.get(
    '/api/v1/hosts/:id/packages',
    {
      config: { permission: 'hosts:read' },
      schema: { tags: ['inventory'], params: IdParams, querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })), ...Paging }) },
    },
    async (request) => inventory.hostPackages(requestScope(request), request.params.id, request.query.q || undefined, page(request.query)),
  );

  app.get(
    '/api/v1/hosts/:id/history',
    { config: { permission: 'hosts:read' }, schema: { tags: ['inventory'], params: IdParams, querystring: Type.Object(Paging) } },
    async (request) => inventory.hostHistory(requestScope(request), request.params.id, page(request.query)),
  );

  app.post(
    '/api/v1/hosts/import',
    { config: { permission: 'hosts:write' }, schema: { tags: ['inventory'], description: 'A CSV host list (name,customer,tags), all or nothing. Send as text/csv.' } },
    async (request) => {
      if (typeof request.body !== 'string') throw new AppError('unsupported_media_type', 'send the host list as text/csv');
      return importHosts(inventory.store, request.body);
    },
  );

  app.get('/api/v1/customers', { config: { permission: 'customers:read' }, schema: { tags: ['inventory'] } }, async (request) => ({
    items: await inventory.listCustomers(requestScope(request)),
  }));

  app.post(
    '/api/v1/customers',
    {
      config: { permission: 'customers:write' },
      schema: {
        tags: ['inventory'],
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 200 }),
          contacts: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
          aliases: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 100 })),
        }),
      },
    },
    async (request, reply) => {
      const b = request.body;
      return reply.status(201).send(await inventory.addCustomer(b.name, b.contacts ?? null, b.aliases ?? []));
    },
  );

  app.post(
    '/api/v1/customers/:id/aliases',
    {
      config: { permission: 'customers:write' },
      schema: { tags: ['inventory'], params: IdParams, body: Type.Object({ aliases: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 100 }) }) },
    },
    async (request, reply) => {
      await inventory.addAliases(request.params.id, request.body.aliases);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/tags',
    { config: { permission: 'hosts:read' }, schema: { tags: ['inventory'], querystring: Type.Object({ customer: Type.Optional(Type.Integer({ minimum: 1 })) }) } },
    async (request) => ({ items: await inventory.listTags(requestScope(request), request.query.customer) }),
  );
}
