import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../../../test/helpers/databases.js';
import { AuthService } from './service.js';

describeEachDialect('auth service', (dialect) => {
  let t: TestDatabase;
  let auth: AuthService;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    auth = new AuthService(t.db, { sessionTtlMs: 60_000, customerExists: async (id) => id === 7 });
  });
  afterEach(async () => t.cleanup());

  it('creates the first admin once, with a generated password that works', async () => {
    const first = await auth.ensureFirstAdmin();
    expect(first).toMatchObject({ username: 'admin', generated: true });
    expect(await auth.ensureFirstAdmin()).toBeNull();
    const { user, sessionToken } = await auth.login('admin', first!.password);
    expect(user.role).toBe('admin');
    expect(await auth.principalForSession(sessionToken)).toMatchObject({ username: 'admin', role: 'admin', kind: 'user' });
  });

  it('stores passwords and tokens only hashed', async () => {
    await auth.addUser({ username: 'op', password: 'correct horse battery', role: 'operator' });
    const { sessionToken } = await auth.login('op', 'correct horse battery');
    const op = await auth.findUser('op');
    const { secret } = await auth.createToken({ userId: op.id, role: op.role }, 'ci', 'api');
    const dump = JSON.stringify([
      await t.db.kysely.selectFrom('users').selectAll().execute(),
      await t.db.kysely.selectFrom('sessions').selectAll().execute(),
      await t.db.kysely.selectFrom('api_tokens').selectAll().execute(),
    ]);
    expect(dump).toContain('scrypt$');
    for (const plain of ['correct horse battery', sessionToken, secret]) expect(dump).not.toContain(plain);
  });

  it('rejects a wrong password and an unknown user with the same message', async () => {
    await auth.addUser({ username: 'op', password: 'correct horse battery', role: 'operator' });
    await expect(auth.login('op', 'wrong password!')).rejects.toThrow('wrong username or password');
    await expect(auth.login('nobody', 'wrong password!')).rejects.toThrow('wrong username or password');
  });

  it('validates users: role, customer, password length, duplicates', async () => {
    await expect(auth.addUser({ username: 'c', password: 'long enough pw', role: 'customer' })).rejects.toThrow(/needs a customer/);
    await expect(auth.addUser({ username: 'c', password: 'long enough pw', role: 'customer', customerId: 8 })).rejects.toThrow(/no customer with id 8/);
    await expect(auth.addUser({ username: 'c', password: 'short', role: 'operator' })).rejects.toThrow(/password/);
    await expect(auth.addUser({ username: 'bad name', password: 'long enough pw', role: 'operator' })).rejects.toThrow(/username/);
    const c = await auth.addUser({ username: 'c', password: 'long enough pw', role: 'customer', customerId: 7 });
    expect(c.customerId).toBe(7);
    await expect(auth.addUser({ username: 'c', password: 'long enough pw', role: 'operator' })).rejects.toThrow(/already exists/);
    await expect(auth.createToken({ userId: c.id, role: 'customer' }, 'x', 'api')).rejects.toThrow(/customer users cannot/);
  });

  it('agent tokens authenticate as agents until revoked', async () => {
    const admin = await auth.addUser({ username: 'root', password: 'long enough pw', role: 'admin' });
    const { token, secret } = await auth.createToken({ userId: admin.id, role: 'admin' }, 'dc1 agents', 'agent');
    expect(await auth.principalForToken(secret)).toMatchObject({ kind: 'agent', tokenId: token.id });
    expect((await auth.listTokens())[0]!.lastUsedAt).not.toBeNull();
    await auth.revokeToken(token.id);
    expect(await auth.principalForToken(secret)).toBeNull();
    await expect(auth.revokeToken(token.id)).rejects.toThrow(/already revoked/);
    await expect(auth.revokeToken(999)).rejects.toThrow(/not found/);
  });

  it('changing a password ends the sessions made with the old one', async () => {
    await auth.addUser({ username: 'op', password: 'correct horse battery', role: 'operator' });
    const { sessionToken } = await auth.login('op', 'correct horse battery');
    await auth.setPassword('op', 'another long password');
    expect(await auth.principalForSession(sessionToken)).toBeNull();
    await expect(auth.login('op', 'correct horse battery')).rejects.toThrow();
    await auth.login('op', 'another long password');
  });
});
