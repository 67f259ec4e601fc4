// Sign-in, sessions, API tokens and users over HTTP.
import { Type } from 'typebox';
import type { App } from '../http/app.js';
import { sessionCookie } from '../http/app.js';
import { AppError } from '../errors.js';
import { IdParams } from '../http/schemas.js';
import type { AuthService } from './service.js';
import { tokenKinds, userRoles } from './service.js';

export function registerAuthRoutes(app: App, auth: AuthService, opts: { cookieSecure: boolean; sessionTtlMs: number }): void {
  const principalOf = (p: { principal: import('./permissions.js').Principal | null }) => {
    if (!p.principal) throw new AppError('unauthorized', 'not signed in');
    return p.principal;
  };

  app.post(
    '/api/v1/auth/login',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['auth'],
        body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 1024 }) }),
      },
    },
    async (request, reply) => {
      const { sessionToken, user } = await auth.login(request.body.username, request.body.password);
      void reply.setCookie(sessionCookie, sessionToken, {
        httpOnly: true,
        sameSite: 'strict',
        secure: opts.cookieSecure,
        path: '/',
        maxAge: Math.floor(opts.sessionTtlMs / 1000),
      });
      return { user };
    },
  );

  app.post('/api/v1/auth/logout', { config: { permission: 'authenticated' }, schema: { tags: ['auth'] } }, async (request, reply) => {
    const token = request.cookies[sessionCookie];
    if (token) await auth.logout(token);
    void reply.clearCookie(sessionCookie, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/api/v1/auth/me', { config: { permission: 'authenticated' }, schema: { tags: ['auth'] } }, async (request) => {
    const p = principalOf(request);
    return { user: { id: p.userId, username: p.username, role: p.role, customerId: p.customerId }, via: p.tokenId ? 'token' : 'session' };
  });

  app.get('/api/v1/tokens', { config: { permission: 'tokens:manage' }, schema: { tags: ['auth'] } }, async () => ({
    items: await auth.listTokens(),
  }));

  app.post(
    '/api/v1/tokens',
    {
      config: { permission: 'tokens:manage' },
      schema: {
        tags: ['auth'],
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 100 }),
          kind: Type.Union(tokenKinds.map((k) => Type.Literal(k))),
        }),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const created = await auth.createToken({ userId: p.userId, role: p.role }, request.body.name, request.body.kind);
      return reply.status(201).send(created);
    },
  );

  app.delete('/api/v1/tokens/:id', { config: { permission: 'tokens:manage' }, schema: { tags: ['auth'], params: IdParams } }, async (request, reply) => {
    await auth.revokeToken(request.params.id);
    return reply.status(204).send();
  });

  app.get('/api/v1/users', { config: { permission: 'users:manage' }, schema: { tags: ['auth'] } }, async () => ({
    items: await auth.listUsers(),
  }));

  app.post(
    '/api/v1/users',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags: ['auth'],
        body: Type.Object({
          username: Type.String({ minLength: 1, maxLength: 64 }),
          password: Type.String({ minLength: 1, maxLength: 1024 }),
          role: Type.Union(userRoles.map((r) => Type.Literal(r))),
          customerId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
        }),
      },
    },
    async (request, reply) => reply.status(201).send({ user: await auth.addUser(request.body) }),
  );
}
