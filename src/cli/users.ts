// `steward user add|list|passwd` and `steward token create|list|revoke`, on the configured database.
import type { Command } from 'commander';
import { newPassword } from '../core/auth/secrets.js';
import type { TokenKind, UserRole } from '../core/schema.js';
import { parseId, printTable, readStdin, withSteward } from './context.js';

async function passwordFrom(opts: { passwordStdin?: boolean }): Promise<{ password: string; generated: boolean }> {
  if (opts.passwordStdin) return { password: (await readStdin()).replace(/\r?\n$/, ''), generated: false };
  return { password: newPassword(), generated: true };
}

export function registerUsers(program: Command): void {
  const user = program.command('user').description('manage users');
  user
    .command('add <username>')
    .description('add a user; prints a generated password once unless --password-stdin is given')
    .requiredOption('--role <role>', 'admin, operator or customer')
    .option('--customer <name>', 'the customer a customer user belongs to (name or alias)')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (username: string, opts: { role: string; customer?: string; passwordStdin?: boolean }, command: Command) => {
      const { password, generated } = await passwordFrom(opts);
      await withSteward(command, async (s) => {
        const customerId = opts.customer ? (await s.inventory.requireCustomer(opts.customer)).id : null;
        const created = await s.auth.addUser({ username, password, role: opts.role as UserRole, customerId });
        process.stdout.write(`added user ${created.username} (${created.role})\n`);
        if (generated) process.stdout.write(`password: ${password}\n`);
      });
    });
  user
    .command('list')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, command: Command) => {
      await withSteward(command, async (s) => {
        const users = await s.auth.listUsers();
        if (opts.json) process.stdout.write(`${JSON.stringify(users, null, 2)}\n`);
        else printTable(users as unknown as Record<string, unknown>[], ['id', 'username', 'role', 'customerId', 'createdAt']);
      });
    });
  user
    .command('passwd <username>')
    .description("set a user's password (ends the user's sessions); prints a generated one unless --password-stdin")
    .option('--password-stdin', 'read the password from standard input')
    .action(async (username: string, opts: { passwordStdin?: boolean }, command: Command) => {
      const { password, generated } = await passwordFrom(opts);
      await withSteward(command, async (s) => {
        await s.auth.setPassword(username, password);
        process.stdout.write(`password of ${username} changed\n`);
        if (generated) process.stdout.write(`password: ${password}\n`);
      });
    });

  const token = program.command('token').description('manage API and agent tokens');
  token
    .command('create')
    .description('create a token; the secret is printed once and stored only hashed')
    .requiredOption('--name <name>', 'what the token is for, e.g. "agents in dc1"')
    .option('--kind <kind>', 'agent (may only report hosts) or api (acts as the user)', 'agent')
    .option('--user <username>', 'the user the token belongs to', 'admin')
    .action(async (opts: { name: string; kind: string; user: string }, command: Command) => {
      await withSteward(command, async (s) => {
        const owner = await s.auth.findUser(opts.user);
        const { token: created, secret } = await s.auth.createToken({ userId: owner.id, role: owner.role }, opts.name, opts.kind as TokenKind);
        process.stderr.write(`created ${created.kind} token ${created.id} "${created.name}"; the secret below is shown only now\n`);
        process.stdout.write(`${secret}\n`);
      });
    });
  token
    .command('list')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, command: Command) => {
      await withSteward(command, async (s) => {
        const tokens = await s.auth.listTokens();
        if (opts.json) process.stdout.write(`${JSON.stringify(tokens, null, 2)}\n`);
        else printTable(tokens as unknown as Record<string, unknown>[], ['id', 'name', 'kind', 'createdBy', 'createdAt', 'lastUsedAt', 'revokedAt']);
      });
    });
  token
    .command('revoke <id>')
    .action(async (id: string, _opts: unknown, command: Command) => {
      await withSteward(command, async (s) => {
        await s.auth.revokeToken(parseId(id, 'token id'));
        process.stdout.write(`token ${id} revoked\n`);
      });
    });
}
