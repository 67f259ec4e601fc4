// The Puppet export over HTTP: a node's Hiera data and its ENC answer, by certname, as YAML (or JSON with
// ?format=json). Customer users reach their own customer's hosts only; another customer's host is not found.
import { Type } from 'typebox';
import type { FastifyReply } from 'fastify';
import type { App } from '../../core/http/app.js';
import { requestScope } from '../../core/auth/permissions.js';
import { maxCertnameLength } from './certname.js';
import type { ExportService } from './service.js';

const tags = ['export'];

// The certname is checked by the service (422 naming it), not by the schema, whose errors would not.
const CertnameParams = Type.Object({ certname: Type.String({ description: `the node's certname: its inventory name in lower case (at most ${maxCertnameLength} characters)` }) });
const Format = Type.Optional(Type.Union([Type.Literal('yaml'), Type.Literal('json')], { description: 'yaml (default) or json' }));

const yaml = (reply: FastifyReply, text: string) => reply.type('application/yaml; charset=utf-8').send(text);

export function registerExportRoutes(app: App, exports: ExportService): void {
  app.get(
    '/api/v1/export/hiera/:certname',
    {
      config: { permission: 'export:read' },
      schema: {
        tags,
        description: "The node's Hiera data, as written to nodes/<certname>.yaml by `steward export hiera` (see docs/puppet-export.md).",
        params: CertnameParams,
        querystring: Type.Object({ format: Format }),
      },
    },
    async (request, reply) => {
      if (request.query.format === 'json') return exports.hieraOf(requestScope(request), request.params.certname);
      return yaml(reply, await exports.hieraFileOf(requestScope(request), request.params.certname));
    },
  );

  app.get(
    '/api/v1/export/enc/:certname',
    {
      config: { permission: 'export:read' },
      schema: {
        tags,
        description: "The node's external node classifier answer (classes, parameters, environment), as Puppet's exec node terminus reads it.",
        params: CertnameParams,
        querystring: Type.Object({ format: Format, environment: Type.Optional(Type.String({ maxLength: 100, description: 'the environment to answer (default production)' })) }),
      },
    },
    async (request, reply) => {
      const { format, environment } = request.query;
      if (format === 'json') return exports.encOf(requestScope(request), request.params.certname, environment);
      return yaml(reply, await exports.encYamlOf(requestScope(request), request.params.certname, environment));
    },
  );
}
