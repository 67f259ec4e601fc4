// The one HTTP server: API under /api, the web UI everywhere else. Every API route declares its permission
// (`config.permission`); a route that forgets fails at start-up, not in production.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from '../logger.js';
import { AppError } from '../errors.js';
import { allows, type Permission, type Principal } from '../auth/permissions.js';
import type { AuthService } from '../auth/service.js';
import { errorHandler, parseJsonBody } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: Permission;
    /** A caller without credentials may use the route anyway (Partisci-compatible updates, as configured);
     *  a caller with credentials must still hold the permission. */
    anonymous?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export type App = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  Logger,
  TypeBoxTypeProvider
>;

export const sessionCookie = 'steward_session';

export interface RouteInfo {
  method: string;
  url: string;
  permission: Permission;
  anonymous: boolean;
}

export interface HttpOptions {
  logger: Logger;
  auth: AuthService;
  version: string;
  /** Built UI (dist/web); served when present. */
  webDir?: string;
  cookieSecure: boolean;
}

export async function createHttpApp(options: HttpOptions): Promise<{ app: App; routes: RouteInfo[] }> {
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: 1024 * 1024,
    // Reports from large fleets arrive at once; a slow client must not hold a socket forever.
    requestTimeout: 120_000,
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
  const routes: RouteInfo[] = [];

  app.decorateRequest('principal', null);
  app.setErrorHandler(errorHandler);
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, body === '' ? undefined : parseJsonBody(body as string));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  app.addContentTypeParser(['text/plain', 'text/x-dpkg-status', 'text/csv'], { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    let permission = route.config?.permission;
    if (!permission) {
      if (route.url.startsWith('/api')) throw new Error(`route ${methods.join(',')} ${route.url} declares no permission`);
      // Outside /api there is only the UI's static shell, which holds no data.
      permission = 'public';
      route.config = { ...route.config, permission };
    }
    for (const method of methods) routes.push({ method, url: route.url, permission, anonymous: route.config?.anonymous === true });
  });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Steward API', version: options.version },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: sessionCookie },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  });

  app.addHook('onRequest', async (request) => {
    const permission = request.routeOptions.config?.permission ?? 'public';
    request.principal = await authenticate(request.headers.authorization, request.cookies[sessionCookie], options.auth);
    if (permission === 'public') return;
    if (!request.principal) {
      if (request.routeOptions.config?.anonymous) return;
      throw new AppError('unauthorized', 'sign in or send an API token (Authorization: Bearer …)');
    }
    if (!allows(request.principal, permission)) {
      throw new AppError('forbidden', `this needs the permission ${permission}, which role ${request.principal.role}${request.principal.kind === 'agent' ? ' (agent token)' : ''} does not have`);
    }
  });

  app.get('/api/v1/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());

  if (options.webDir && existsSync(join(options.webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: options.webDir, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api') && options.webDir;
    if (wantsPage && existsSync(join(options.webDir!, 'index.html'))) return reply.sendFile('index.html');
    return reply.status(404).send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` } });
  });
  return { app, routes };
}

async function authenticate(authorization: string | undefined, session: string | undefined, auth: AuthService) {
  if (authorization) {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!m) throw new AppError('unauthorized', 'Authorization header: expected "Bearer <token>"');
    const principal = await auth.principalForToken(m[1]!);
    if (!principal) throw new AppError('unauthorized', 'unknown or revoked token');
    return principal;
  }
  return session ? auth.principalForSession(session) : null;
}
