// The Partisci REST API, so that its clients work unchanged: the same paths (trailing slash included), the
// `{"data": …}` and `{"error": "…"}` envelopes, unix-second times, 200 with an empty body for an update, 415 for a
// bad one, 405 for another method. Reads need a Steward login or token (Partisci had no auth); updates are
// anonymous unless `partisci.auth: required`. These routes live in their own plugin context: they take any
// content type as the raw update, and answer errors in Partisci's envelope.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { App } from '../../core/http/app.js';
import { toErrorBody } from '../../core/http/errors.js';
import { requestScope } from '../../core/auth/permissions.js';
import { version as stewardVersion } from '../../core/paths.js';
import type { AppVersionService } from './service.js';
import { parseUpdateJson, UpdateError, updateText } from './update.js';
import { readUpdate } from './signature.js';

export interface PartisciHttpOptions {
  /** Anonymous updates are taken (Partisci's way); otherwise a token, or a signature from one of `hmacKeys`. */
  anonymousUpdates: boolean;
  hmacKeys: ReadonlyMap<string, string>;
  /** `--partisci-danger`: allow emptying the live view. */
  danger: boolean;
  /** The UDP port, when this process listens. */
  udpPort?: () => number | undefined;
}

const VersionQuery = Type.Object({ app_id: Type.Optional(Type.String()), host: Type.Optional(Type.String()), ver: Type.Optional(Type.String()) });

const updateBodyLimit = 64 * 1024;

export async function registerPartisciRoutes(app: App, apps: AppVersionService, options: PartisciHttpOptions): Promise<void> {
  await app.register(async (instance) => {
    const partisci = instance.withTypeProvider<TypeBoxTypeProvider>();
    partisci.removeAllContentTypeParsers();
    partisci.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    partisci.setErrorHandler((err, _request, reply) => {
      const { status, body } = toErrorBody(err as Error);
      void reply.status(status).send({ error: body.error.message });
    });

    // Signed updates are the one way in without a token when anonymous ones are refused.
    const signedOnly = !options.anonymousUpdates && options.hmacKeys.size > 0;
    partisci.post(
      '/api/v1/update/',
      { config: { permission: 'apps:report', anonymous: options.anonymousUpdates || signedOnly }, bodyLimit: updateBodyLimit, schema: { tags: ['app versions'], description: 'Partisci-compatible: one update `{app, ver, host?, instance?, app_data?}`.' } },
      async (request, reply) => {
        const collector = apps.collector!;
        try {
          const text = updateText(Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0));
          // A caller with a token needs no signature; an anonymous one does unless anonymous updates are taken.
          const mustSign = request.principal === null && !options.anonymousUpdates;
          const update = parseUpdateJson(readUpdate(text, options.hmacKeys, mustSign), request.ip, Date.now());
          collector.countReceived(1, {});
          await collector.accept([update]);
        } catch (err) {
          if (!(err instanceof UpdateError)) throw err;
          collector.countReceived(1, { [err.reason]: 1 });
          const status = err.reason === 'bad_signature' ? 401 : 415;
          return reply.status(status).send({ error: `ERROR: ApiUpdate: ${err.message}` });
        }
        return reply.status(200).send();
      },
    );
    partisci.route({
      method: ['GET', 'PUT', 'DELETE', 'PATCH'],
      url: '/api/v1/update/',
      config: { permission: 'public' },
      schema: { hide: true },
      handler: async (_request, reply) => reply.status(405).send({ error: 'ERROR: ApiUpdate: only accepts POST requests' }),
    });

    if (options.danger) {
      partisci.post('/api/v1/_danger/clear/', { config: { permission: 'apps:clear', anonymous: options.anonymousUpdates }, schema: { tags: ['app versions'], description: 'Empties the live view (only with --partisci-danger); history is kept.' } }, async (_request, reply) => {
        await apps.clear();
        return reply.status(200).send();
      });
    }

    partisci.get('/api/v1/app/', { config: { permission: 'apps:read' }, schema: { tags: ['app versions'] } }, async (request) => ({ data: await apps.partisciApps(requestScope(request)) }));
    partisci.get('/api/v1/host/', { config: { permission: 'apps:read' }, schema: { tags: ['app versions'] } }, async (request) => ({ data: await apps.partisciHosts(requestScope(request)) }));
    partisci.get('/api/v1/version/', { config: { permission: 'apps:read' }, schema: { tags: ['app versions'], querystring: VersionQuery } }, async (request) => {
      // Exact filters, ANDed; an empty one matches everything, as in Partisci.
      const q = request.query;
      const filter = { appId: q.app_id || undefined, host: q.host || undefined, ver: q.ver || undefined };
      return { data: await apps.partisciVersions(requestScope(request), filter) };
    });

    partisci.get('/debug/vars', { config: { permission: 'public' }, schema: { hide: true } }, async () => ({
      version: stewardVersion,
      node_version: process.version,
      uptime_seconds: Math.round(process.uptime()),
      partisci: { udp_port: options.udpPort?.() ?? null, ...apps.collector?.metrics },
      memstats: process.memoryUsage(),
    }));
  });
}
