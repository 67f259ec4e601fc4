// Patching policies over HTTP: defining, listing, assigning, and a host's policy with its next windows. Customer users
// read only the policies assigned to their customer, and the policy of their own hosts.
import { Type } from 'typebox';
import type { App } from '../../core/http/app.js';
import { IdParams } from '../../core/http/schemas.js';
import { requestScope } from '../../core/auth/permissions.js';
import { defaultDeadline, installChoices, policyModes } from './definition.js';
import { maxWindowMinutes, weekdays } from './windows.js';
import type { PolicyService } from './service.js';

const tags = ['policies'];
const literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

// The shape only: which fields each kind needs, and their ranges, are checked by the policy rules (windows.ts), whose
// errors name the field.
const Rule = Type.Object(
  {
    kind: literals(['daily', 'weekly', 'cron']),
    at: Type.Optional(Type.String({ maxLength: 5, description: 'daily and weekly: HH:MM' })),
    days: Type.Optional(Type.Array(Type.String({ maxLength: 3 }), { maxItems: 7, description: `weekly: some of ${weekdays.join(', ')}` })),
    expression: Type.Optional(Type.String({ maxLength: 200, description: 'cron: five fields, minute hour day-of-month month day-of-week' })),
    minutes: Type.Integer({ description: `how long the window lasts, 1 to ${maxWindowMinutes} (7 days)` }),
  },
  { additionalProperties: false },
);

const PolicyBody = Type.Object(
  {
    name: Type.String({ maxLength: 100 }),
    mode: literals(policyModes),
    timeZone: Type.Optional(Type.String({ maxLength: 64, description: 'UTC (default) or an IANA name like Europe/Zurich' })),
    installs: Type.Optional(literals(installChoices)),
    patchWindow: Type.Optional(Type.Union([Rule, Type.Null()])),
    rebootWindow: Type.Optional(Type.Union([Rule, Type.Null()])),
    deadline: Type.Optional(Type.String({ maxLength: 20, description: `after the end of the patch window, 0 to 30d (default ${defaultDeadline})` })),
  },
  { additionalProperties: false },
);

const AssignmentBody = Type.Object(
  {
    customer: Type.Union([Type.Integer({ minimum: 1 }), Type.String({ minLength: 1, maxLength: 200 })], { description: 'id, name or alias' }),
    tag: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export function registerPolicyRoutes(app: App, policies: PolicyService): void {
  app.get('/api/v1/policies', { config: { permission: 'policies:read' }, schema: { tags, description: 'Patching policies with their assignments, by name.' } }, async (request) => ({
    items: await policies.listPolicies(requestScope(request)),
  }));

  app.post(
    '/api/v1/policies',
    { config: { permission: 'policies:write' }, schema: { tags, description: 'A new policy; an automatic one needs a patch and a reboot window.', body: PolicyBody } },
    async (request, reply) => reply.status(201).send(await policies.create(request.body)),
  );

  app.get(
    '/api/v1/policies/:id',
    {
      config: { permission: 'policies:read' },
      schema: { tags, description: 'A policy with its next windows of each kind (`windows`, default 3).', params: IdParams, querystring: Type.Object({ windows: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })) }) },
    },
    async (request) => policies.get(requestScope(request), request.params.id, request.query.windows),
  );

  app.put(
    '/api/v1/policies/:id',
    { config: { permission: 'policies:write' }, schema: { tags, description: 'Replaces the definition; the assignments stay.', params: IdParams, body: PolicyBody } },
    async (request) => policies.update(request.params.id, request.body),
  );

  app.delete(
    '/api/v1/policies/:id',
    { config: { permission: 'policies:write' }, schema: { tags, description: 'Removes a policy; 409 while it is assigned.', params: IdParams } },
    async (request, reply) => {
      await policies.remove(request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/policies/:id/assignments',
    {
      config: { permission: 'policies:write' },
      schema: { tags, description: "Applies the policy to a customer's hosts, or to those with one of its tags (which wins over the customer's).", params: IdParams, body: AssignmentBody },
    },
    async (request, reply) => reply.status(201).send(await policies.assign(request.params.id, request.body)),
  );

  app.delete(
    '/api/v1/policies/:id/assignments',
    { config: { permission: 'policies:write' }, schema: { tags, description: 'Removes one assignment, named as when it was made.', params: IdParams, body: AssignmentBody } },
    async (request, reply) => {
      await policies.unassign(request.params.id, request.body);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/hosts/:id/policy',
    { config: { permission: 'policies:read' }, schema: { tags, description: "The host's policy, through which assignment, and its next patch and reboot windows; null when the host has none (manual).", params: IdParams } },
    async (request) => policies.hostPolicy(requestScope(request), request.params.id),
  );
}
