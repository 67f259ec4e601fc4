// `steward customer …`, `steward hosts …` and `steward agent report`.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { unscoped } from '../core/auth/permissions.js';
import { collectLocalReport, defaultStatePath, importHosts, sendReport } from '../inventory/index.js';
import { CliError, printTable, withSteward } from './context.js';

export function registerInventory(program: Command): void {
  const customer = program.command('customer').description('manage customers and their aliases');
  customer
    .command('add <name>')
    .option('--contacts <text>', 'who to talk to, free text')
    .option('--alias <alias...>', 'other names external sources use for this customer')
    .action(async (name: string, opts: { contacts?: string; alias?: string[] }, command: Command) => {
      await withSteward(command, async (s) => {
        const created = await s.inventory.addCustomer(name, opts.contacts ?? null, opts.alias ?? []);
        process.stdout.write(`added customer ${created.name} (id ${created.id})\n`);
      });
    });
  customer
    .command('alias <customer> <alias...>')
    .description('add aliases to a customer (given by name or alias)')
    .action(async (name: string, aliases: string[], _opts: unknown, command: Command) => {
      await withSteward(command, async (s) => {
        const c = await s.inventory.requireCustomer(name);
        await s.inventory.addAliases(c.id, aliases);
        process.stdout.write(`added ${aliases.length} alias(es) to ${c.name}\n`);
      });
    });
  customer
    .command('list')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, command: Command) => {
      await withSteward(command, async (s) => {
        const rows = await s.inventory.listCustomers(unscoped);
        if (opts.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        else printTable(rows.map((r) => ({ ...r, aliases: r.aliases.join(', ') })), ['id', 'name', 'hostCount', 'aliases', 'contacts']);
      });
    });

  const hosts = program.command('hosts').description('the host inventory');
  hosts
    .command('import <file>')
    .description('import a CSV host list (header: name,customer,tags; tags separated by |), all or nothing')
    .action(async (file: string, _opts: unknown, command: Command) => {
      const text = await readFile(file, 'utf8').catch((err: Error) => {
        throw new CliError(`cannot read ${file}: ${err.message}`);
      });
      await withSteward(command, async (s) => {
        const r = await importHosts(s.inventory.store, text);
        process.stdout.write(`imported ${file}: ${r.created} hosts created, ${r.updated} updated\n`);
      });
    });
  hosts
    .command('list')
    .option('-q, --query <text>', 'search in names, machine-ids and kernels')
    .option('--release <codename>', 'only hosts of this release')
    .option('--json', 'print JSON')
    .action(async (opts: { query?: string; release?: string; json?: boolean }, command: Command) => {
      await withSteward(command, async (s) => {
        const { items, total } = await s.inventory.listHosts(unscoped, { q: opts.query, release: opts.release }, 'name', 'asc', { limit: 500, offset: 0 });
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ items, total }, null, 2)}\n`);
          return;
        }
        printTable(
          items.map((h) => ({ ...h, customer: h.customer?.name, release: h.osCodename, state: h.present ? 'present' : 'absent' })),
          ['id', 'name', 'customer', 'release', 'kernel', 'packageCount', 'lastSeen', 'state'],
        );
        if (total > items.length) process.stdout.write(`(${items.length} of ${total} shown)\n`);
      });
    });

  const agent = program.command('agent').description('report this machine to a Steward server');
  agent
    .command('report')
    .description("read this machine's packages, OS release, machine-id and kernel, and post them")
    .option('--server <url>', 'Steward server URL (or STEWARD_SERVER)')
    .option('--token <token>', 'agent token (or STEWARD_TOKEN)')
    .option('--customer <name>', 'the customer this host belongs to (name or alias)')
    .option('--status <file>', 'dpkg status file to read', '/var/lib/dpkg/status')
    .option('--state <file>', 'where to remember the last accepted report (default /var/lib/steward/agent-state.json as root, else ~/.local/state/steward/agent-state.json)')
    .option('--full', 'send the full package list even when only changes would do')
    .option('--dry-run', 'print what would be sent instead of sending it')
    .option('--json', 'print JSON')
    .action(async (opts: { server?: string; token?: string; customer?: string; status: string; state?: string; full?: boolean; dryRun?: boolean; json?: boolean }) => {
      const report = await collectLocalReport({ statusPath: opts.status, customer: opts.customer });
      if (opts.dryRun) {
        if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        else process.stdout.write(`would report ${report.host.name} (${report.host.osId ?? '?'} ${report.host.osCodename ?? ''}, kernel ${report.host.kernel ?? '?'}) with ${report.packages.length} packages\n`);
        return;
      }
      const server = opts.server ?? process.env.STEWARD_SERVER;
      const token = opts.token ?? process.env.STEWARD_TOKEN;
      if (!server) throw new CliError('--server: which Steward server? (or set STEWARD_SERVER)');
      if (!token) throw new CliError('--token: an agent token is needed (steward token create --kind agent), or set STEWARD_TOKEN');
      const { mode, result } = await sendReport({ server, token, report, statePath: opts.state ?? defaultStatePath(), full: opts.full }).catch((err: Error) => {
        throw new CliError(err.message);
      });
      if (opts.json) process.stdout.write(`${JSON.stringify({ mode, ...result }, null, 2)}\n`);
      else process.stdout.write(`reported ${report.host.name} (${mode}): ${report.packages.length} packages, ${describe(result)}\n`);
    });
}

function describe(r: { packagesChanged: boolean; run?: { added: number; removed: number; upgraded: number } }): string {
  if (!r.packagesChanged || !r.run) return 'no change';
  return `${r.run.added} added, ${r.run.removed} removed, ${r.run.upgraded} upgraded`;
}
