// Remediation marks over HTTP: list (scoped for customer users), add for hosts or for a customer (and tag), remove
// (recorded), and a mark's audit log.
import { Type } from 'typebox';
import type { App } from '../../core/http/app.js';
import { IdParams } from '../../core/http/schemas.js';
import { AppError } from '../../core/errors.js';
import { requestScope } from '../../core/auth/permissions.js';
import { markStates } from './schema.js';
import type { MarkService, MarkTarget } from './service.js';

const tags = ['remediation'];

export function registerMarkRoutes(app: App, marks: MarkService): void {
  app.get(
    '/api/v1/remediation/marks',
    {
      config: { permission: 'remediation:read' },
      schema: {
        tags,
        querystring: Type.Object({
          advisory: Type.Optional(Type.String({ maxLength: 100 })),
          hostId: Type.Optional(Type.Integer({ minimum: 1 })),
          scope: Type.Optional(Type.Union([Type.Literal('host'), Type.Literal('customer'), Type.Literal('customer-tag')])),
          includeRemoved: Type.Optional(Type.Boolean()),
        }),
      },
    },
    async (request) => ({ items: await marks.list(requestScope(request), request.query) }),
  );

  app.post(
    '/api/v1/remediation/marks',
    {
      config: { permission: 'remediation:write' },
      schema: {
        tags,
        description: 'Marks an advisory patched, compensated, accepted-risk or not-applicable for hosts (`hosts`), or for a customer (`customer`, and `tag` for its hosts with that tag).',
        body: Type.Object({
          advisory: Type.String({ minLength: 1, maxLength: 100 }),
          state: Type.Union(markStates.map((s) => Type.Literal(s))),
          justification: Type.String({ maxLength: 2000 }),
          expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
          hosts: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 10_000 })),
          customer: Type.Optional(Type.Integer({ minimum: 1 })),
          tag: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
        }),
      },
    },
    async (request, reply) => {
      const { hosts, customer, tag, ...rest } = request.body;
      if ((hosts === undefined) === (customer === undefined)) throw new AppError('bad_request', 'name either hosts or a customer (and a tag)');
      if (hosts !== undefined && tag !== undefined) throw new AppError('bad_request', 'tag: goes with a customer, not with hosts');
      const target: MarkTarget = hosts ? { hosts } : { customer: customer!, ...(tag === undefined ? {} : { tag }) };
      return reply.status(201).send({ items: await marks.add(request.principal!.username, { ...rest, target }) });
    },
  );

  app.delete('/api/v1/remediation/marks/:id', { config: { permission: 'remediation:write' }, schema: { tags, description: 'Removes a mark; the removal is recorded.', params: IdParams } }, async (request) => ({
    mark: await marks.remove(request.principal!.username, request.params.id),
  }));

  app.get('/api/v1/remediation/marks/:id/audit', { config: { permission: 'remediation:read' }, schema: { tags, params: IdParams } }, async (request) => ({
    items: await marks.audit(requestScope(request), request.params.id),
  }));
}
