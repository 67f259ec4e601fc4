// All SQL about users, sessions and tokens.
import { type Db, tables } from '../db/database.js';
import type { CoreTables, TokenKind, UserRole } from '../schema.js';

export interface UserRow {
  id: number;
  username: string;
  role: UserRole;
  customerId: number | null;
  createdAt: string;
}

export interface TokenRow {
  id: number;
  name: string;
  kind: TokenKind;
  userId: number;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export class AuthStore {
  private readonly k;
  constructor(db: Db) {
    this.k = tables<CoreTables>(db);
  }

  countUsers = async (): Promise<number> =>
    Number((await this.k.selectFrom('users').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  async insertUser(u: { username: string; passwordHash: string; role: UserRole; customerId: number | null; at: string }) {
    const row = await this.k
      .insertInto('users')
      .values({ username: u.username, password_hash: u.passwordHash, role: u.role, customer_id: u.customerId, created_at: u.at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  private userColumns = ['id', 'username', 'role', 'customer_id as customerId', 'created_at as createdAt'] as const;

  listUsers = (): Promise<UserRow[]> => this.k.selectFrom('users').select(this.userColumns).orderBy('username').execute();

  findUserByName = (username: string) =>
    this.k.selectFrom('users').select([...this.userColumns, 'password_hash as passwordHash']).where('username', '=', username).executeTakeFirst();

  async setPassword(username: string, passwordHash: string): Promise<boolean> {
    const r = await this.k.updateTable('users').set({ password_hash: passwordHash }).where('username', '=', username).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async insertSession(s: { tokenHash: string; userId: number; at: string; expiresAt: string }): Promise<void> {
    await this.k
      .insertInto('sessions')
      .values({ token_hash: s.tokenHash, user_id: s.userId, created_at: s.at, expires_at: s.expiresAt })
      .execute();
  }

  findSessionUser = (tokenHash: string, now: string): Promise<UserRow | undefined> =>
    this.k
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['users.id', 'users.username', 'users.role', 'users.customer_id as customerId', 'users.created_at as createdAt'])
      .where('sessions.token_hash', '=', tokenHash)
      .where('sessions.expires_at', '>', now)
      .executeTakeFirst();

  async deleteSession(tokenHash: string): Promise<void> {
    await this.k.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  /** Sessions of a user whose password changed must not outlive the old password. */
  async deleteSessionsOf(userId: number, expiredBefore?: string): Promise<void> {
    await this.k.deleteFrom('sessions').where('user_id', '=', userId).execute();
    if (expiredBefore) await this.k.deleteFrom('sessions').where('expires_at', '<', expiredBefore).execute();
  }

  async insertToken(t: { name: string; kind: TokenKind; tokenHash: string; userId: number; at: string }): Promise<number> {
    const row = await this.k
      .insertInto('api_tokens')
      .values({ name: t.name, kind: t.kind, token_hash: t.tokenHash, user_id: t.userId, created_at: t.at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  private tokenQuery() {
    return this.k
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select([
        'api_tokens.id',
        'api_tokens.name',
        'api_tokens.kind',
        'api_tokens.user_id as userId',
        'users.username as createdBy',
        'api_tokens.created_at as createdAt',
        'api_tokens.last_used_at as lastUsedAt',
        'api_tokens.revoked_at as revokedAt',
      ]);
  }

  listTokens = (userId?: number): Promise<TokenRow[]> => {
    let q = this.tokenQuery().orderBy('api_tokens.id');
    if (userId !== undefined) q = q.where('api_tokens.user_id', '=', userId);
    return q.execute();
  };

  findToken = (id: number): Promise<TokenRow | undefined> => this.tokenQuery().where('api_tokens.id', '=', id).executeTakeFirst();

  findActiveTokenUser = (tokenHash: string) =>
    this.k
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select([
        'api_tokens.id as tokenId',
        'api_tokens.kind',
        'api_tokens.last_used_at as lastUsedAt',
        'users.id',
        'users.username',
        'users.role',
        'users.customer_id as customerId',
      ])
      .where('api_tokens.token_hash', '=', tokenHash)
      .where('api_tokens.revoked_at', 'is', null)
      .executeTakeFirst();

  async touchToken(id: number, at: string): Promise<void> {
    await this.k.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  async revokeToken(id: number, at: string): Promise<boolean> {
    const r = await this.k
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
