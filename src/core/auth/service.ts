// Users, sessions and tokens: the rules, without HTTP.
import { AppError, notFound } from '../errors.js';
import type { Db } from '../db/database.js';
import { nowIso } from '../db/columns.js';
import type { TokenKind, UserRole } from '../schema.js';
import { hashPassword, hashToken, newPassword, newToken, verifyPassword } from './secrets.js';
import type { Principal } from './permissions.js';
import { AuthStore, type TokenRow, type UserRow } from './store.js';

export const userRoles: readonly UserRole[] = ['admin', 'operator', 'customer'];
export const tokenKinds: readonly TokenKind[] = ['agent', 'api'];
const usernamePattern = /^[a-zA-Z0-9][a-zA-Z0-9._@-]{0,63}$/;
const minPasswordLength = 10;
// Verifying against this keeps a login for an unknown user as slow as one for a known user.
const decoyHash = hashPassword('decoy password that matches nothing');

export interface NewUser {
  username: string;
  password: string;
  role: UserRole;
  customerId?: number | null;
}

export interface AuthOptions {
  sessionTtlMs: number;
  /** Supplied by the inventory module: core knows no customers table. */
  customerExists?: (id: number) => Promise<boolean>;
}

export class AuthService {
  readonly store: AuthStore;
  constructor(
    db: Db,
    private readonly options: AuthOptions,
  ) {
    this.store = new AuthStore(db);
  }

  /** Creates the first admin when there is no user at all; returns the password when it was generated. */
  async ensureFirstAdmin(password?: string): Promise<{ username: string; password: string; generated: boolean } | null> {
    if ((await this.store.countUsers()) > 0) return null;
    const generated = !password;
    const pw = password ?? newPassword();
    await this.addUser({ username: 'admin', password: pw, role: 'admin' });
    return { username: 'admin', password: pw, generated };
  }

  async addUser(u: NewUser): Promise<UserRow> {
    if (!usernamePattern.test(u.username)) {
      throw new AppError('unprocessable', 'username: 1–64 letters, digits or . _ @ -, starting with a letter or digit');
    }
    if (!userRoles.includes(u.role)) throw new AppError('unprocessable', `role: expected one of ${userRoles.join(', ')}`);
    checkPassword(u.password);
    const customerId = u.customerId ?? null;
    if (u.role === 'customer') {
      if (customerId === null) throw new AppError('unprocessable', 'customer: a customer user needs a customer');
      if (this.options.customerExists && !(await this.options.customerExists(customerId))) {
        throw new AppError('unprocessable', `customer: no customer with id ${customerId}`);
      }
    } else if (customerId !== null) {
      throw new AppError('unprocessable', 'customer: only customer users belong to a customer');
    }
    if (await this.store.findUserByName(u.username)) throw new AppError('conflict', `user ${u.username} already exists`);
    const at = nowIso();
    const id = await this.store.insertUser({
      username: u.username,
      passwordHash: await hashPassword(u.password),
      role: u.role,
      customerId,
      at,
    });
    return { id, username: u.username, role: u.role, customerId, createdAt: at };
  }

  listUsers = (): Promise<UserRow[]> => this.store.listUsers();

  async setPassword(username: string, password: string): Promise<void> {
    checkPassword(password);
    const user = await this.store.findUserByName(username);
    if (!user) throw notFound(`user ${username}`);
    await this.store.setPassword(username, await hashPassword(password));
    await this.store.deleteSessionsOf(user.id);
  }

  async login(username: string, password: string): Promise<{ sessionToken: string; user: UserRow; expiresAt: string }> {
    const user = await this.store.findUserByName(username);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
    if (!user || !ok) throw new AppError('unauthorized', 'wrong username or password');
    const sessionToken = newToken('sess');
    const now = Date.now();
    const expiresAt = new Date(now + this.options.sessionTtlMs).toISOString();
    await this.store.insertSession({ tokenHash: hashToken(sessionToken), userId: user.id, at: new Date(now).toISOString(), expiresAt });
    const { passwordHash: _, ...publicUser } = user;
    return { sessionToken, user: publicUser, expiresAt };
  }

  logout = (sessionToken: string): Promise<void> => this.store.deleteSession(hashToken(sessionToken));

  async principalForSession(sessionToken: string): Promise<Principal | null> {
    const user = await this.store.findSessionUser(hashToken(sessionToken), nowIso());
    return user ? { kind: 'user', userId: user.id, username: user.username, role: user.role, customerId: user.customerId } : null;
  }

  async principalForToken(token: string): Promise<Principal | null> {
    const row = await this.store.findActiveTokenUser(hashToken(token));
    if (!row) return null;
    const now = Date.now();
    // Recording every use would turn each agent report into an extra write; a minute's precision is enough.
    if (!row.lastUsedAt || now - Date.parse(row.lastUsedAt) > 60_000) {
      await this.store.touchToken(row.tokenId, new Date(now).toISOString());
    }
    return {
      kind: row.kind === 'agent' ? 'agent' : 'user',
      userId: row.id,
      username: row.username,
      role: row.role,
      customerId: row.customerId,
      tokenId: row.tokenId,
    };
  }

  async createToken(owner: { userId: number; role: UserRole }, name: string, kind: TokenKind): Promise<{ token: TokenRow; secret: string }> {
    if (!name.trim() || name.length > 100) throw new AppError('unprocessable', 'name: 1–100 characters');
    if (!tokenKinds.includes(kind)) throw new AppError('unprocessable', `kind: expected one of ${tokenKinds.join(', ')}`);
    if (owner.role === 'customer') throw new AppError('forbidden', 'customer users cannot create tokens');
    const secret = newToken('stw');
    const id = await this.store.insertToken({ name: name.trim(), kind, tokenHash: hashToken(secret), userId: owner.userId, at: nowIso() });
    const token = await this.store.findToken(id);
    if (!token) throw new Error(`token ${id} vanished after insert`);
    return { token, secret };
  }

  listTokens = (): Promise<TokenRow[]> => this.store.listTokens();

  async revokeToken(id: number): Promise<void> {
    const token = await this.store.findToken(id);
    if (!token) throw notFound(`token ${id}`);
    if (token.revokedAt) throw new AppError('conflict', `token ${id} was already revoked at ${token.revokedAt}`);
    await this.store.revokeToken(id, nowIso());
  }

  async findUser(username: string): Promise<UserRow> {
    const user = await this.store.findUserByName(username);
    if (!user) throw notFound(`user ${username}`);
    const { passwordHash: _, ...publicUser } = user;
    return publicUser;
  }
}

function checkPassword(password: string): void {
  if (password.length < minPasswordLength || password.length > 1024) {
    throw new AppError('unprocessable', `password: at least ${minPasswordLength} characters`);
  }
}
