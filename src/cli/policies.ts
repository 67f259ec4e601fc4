// `steward policies list|show|add|update|remove|assign|unassign|host`: patching policies on the configured database.
// Windows are given in their text form (rule-text.ts): 'daily 02:00 2h', 'weekly mon,thu 22:30 90m',
// "cron '30 2 * * 1-5' 1h"; errors name the option they came from (--patch, --tz, …).
import type { Command } from 'commander';
import { unscoped } from '../core/auth/permissions.js';
import { AppError } from '../core/errors.js';
import { installChoices, parseRuleText, policyModes, ruleText, type PolicyDetail, type PolicyInput, type PolicyView, type RuleInput, type WindowView } from '../remediation/index.js';
import type { Steward } from '../server.js';
import { CliError, parseInteger, printTable, withSteward } from './context.js';

interface DefinitionOptions {
  mode?: string;
  tz?: string;
  patch?: string;
  reboot?: string;
  installs?: string;
  deadline?: string;
  rename?: string;
}

const printJson = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

/** Definition fields as the CLI names them, so an error points at the option to fix. */
const optionOf: Record<string, string> = { patchWindow: '--patch', rebootWindow: '--reboot', timeZone: '--tz', deadline: '--deadline', mode: '--mode', installs: '--installs', name: 'NAME', customer: '--customer', tag: '--tag' };

function inOptionTerms(err: unknown): never {
  if (err instanceof AppError && err.details && typeof err.details === 'object' && 'field' in err.details) {
    const field = String((err.details as { field: unknown }).field);
    const [head, ...rest] = field.split('.');
    const option = optionOf[head!];
    if (option && err.message.startsWith(`${field}:`)) {
      throw new CliError(`${[option, ...rest].join(' ')}:${err.message.slice(field.length + 1)}`);
    }
  }
  throw err;
}

/** A window option: its text form, or `none` (no window; manual policies only). */
function windowOption(text: string | undefined, option: string): RuleInput | null | undefined {
  if (text === undefined) return undefined;
  if (text.trim().toLowerCase() === 'none') return null;
  return parseRuleText(text, option);
}

/** The definition the options give, over `base` (what an update keeps). */
function definitionFrom(name: string, opts: DefinitionOptions, base?: PolicyView): PolicyInput {
  const patch = windowOption(opts.patch, '--patch');
  const reboot = windowOption(opts.reboot, '--reboot');
  const mode = opts.mode ?? base?.mode;
  if (mode === undefined) throw new CliError(`--mode: expected ${policyModes.join(' or ')}`);
  return {
    name: opts.rename ?? name,
    mode,
    timeZone: opts.tz ?? base?.timeZone,
    installs: opts.installs ?? base?.installs,
    patchWindow: patch === undefined ? base?.patchWindow : patch,
    rebootWindow: reboot === undefined ? base?.rebootWindow : reboot,
    deadline: opts.deadline ?? base?.deadline,
  };
}

const windowText = (rule: PolicyView['patchWindow']) => (rule ? ruleText(rule) : 'none');
const assignmentText = (p: PolicyView) => p.assignments.map((a) => (a.tag === null ? a.customer.name : `${a.customer.name}/${a.tag}`)).join(', ');

/** "2026-03-29 03:00 CEST": the wall clock of the policy's zone, for people reading windows. */
function localTime(iso: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
}

function windowRows(kind: string, windows: (WindowView | null)[], timeZone: string) {
  return windows.flatMap((w) => {
    if (!w) return [];
    const [start, end] = [localTime(w.start, timeZone), localTime(w.end, timeZone)];
    // The end's date only when it is another day.
    return [{ window: kind, start: w.start, end: w.end, local: `${start} – ${end.slice(0, 10) === start.slice(0, 10) ? end.slice(11) : end}` }];
  });
}

function printPolicy(p: PolicyView): void {
  const lines = [
    `policy ${p.name} (id ${p.id}): ${p.mode}, installs ${p.installs === 'all' ? 'all updates' : 'security updates'}, time zone ${p.timeZone}`,
    `patch window:  ${windowText(p.patchWindow)}`,
    `reboot window: ${windowText(p.rebootWindow)}`,
    `deadline:      ${p.deadline} after the end of the patch window`,
    `assigned to:   ${assignmentText(p) || 'nobody'}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function policyByName(s: Steward, name: string, windows?: number): Promise<PolicyDetail> {
  return s.policies.get(unscoped, await s.policies.idOf(name), windows);
}

/** A host by its name, or by its id when no host has that name. */
async function hostId(s: Steward, nameOrId: string): Promise<number> {
  const { items } = await s.inventory.listHosts(unscoped, { q: nameOrId }, 'name', 'asc', { limit: 500, offset: 0 });
  const named = items.find((h) => h.name === nameOrId);
  if (named) return named.id;
  if (/^[1-9]\d{0,9}$/.test(nameOrId)) return (await s.inventory.getHost(unscoped, Number(nameOrId))).id;
  throw new CliError(`host ${nameOrId} not found (give its name or id; steward hosts list shows them)`);
}

function definitionOptions(command: Command, forUpdate: boolean): Command {
  const keep = forUpdate ? ' (unchanged when not given)' : '';
  return command
    .option('--tz <zone>', `time zone of the windows: UTC or an IANA name like Europe/Zurich${keep || ' (default UTC)'}`)
    .option('--patch <rule>', `patch window: 'daily 02:00 2h', 'weekly mon,thu 22:30 90m', "cron '30 2 * * 1-5' 1h", or none${keep}`)
    .option('--reboot <rule>', `reboot window, in the same forms${keep}`)
    .option('--installs <what>', `${installChoices.join(' or ')}${keep || ' (default security)'}`)
    .option('--deadline <duration>', `how long after the end of the patch window an exposure may stay open before it is overdue, 0 to 30d${keep || ' (default 1d)'}`);
}

export function registerPolicies(program: Command): void {
  const policies = program.command('policies').description('patching policies: when hosts patch and reboot, and what they install');

  policies
    .command('list')
    .description('list policies with their windows and assignments, by name')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, command: Command) => {
      await withSteward(command, async (s) => {
        const items = await s.policies.listPolicies(unscoped);
        if (opts.json) return printJson(items);
        printTable(
          items.map((p) => ({ ...p, tz: p.timeZone, patch: windowText(p.patchWindow), reboot: windowText(p.rebootWindow), assigned: assignmentText(p) })),
          ['id', 'name', 'mode', 'tz', 'patch', 'reboot', 'installs', 'deadline', 'assigned'],
        );
      });
    });

  policies
    .command('show <name>')
    .description('show a policy and its next windows of each kind, in UTC and on the wall clock of its zone')
    .option('--windows <n>', 'how many windows of each kind, 1 to 50', '3')
    .option('--json', 'print JSON')
    .action(async (name: string, opts: { windows: string; json?: boolean }, command: Command) => {
      const count = parseInteger(opts.windows, '--windows', 1, 50);
      await withSteward(command, async (s) => {
        const p = await policyByName(s, name, count);
        if (opts.json) return printJson(p);
        printPolicy(p);
        const rows = [...windowRows('patch', p.upcoming.patch, p.timeZone), ...windowRows('reboot', p.upcoming.reboot, p.timeZone)];
        if (rows.length > 0) {
          process.stdout.write('\n');
          printTable(rows, ['window', 'start', 'end', 'local']);
        }
      });
    });

  definitionOptions(
    policies
      .command('add <name>')
      .description('add a policy; an automatic one needs a patch and a reboot window')
      .requiredOption('--mode <mode>', `${policyModes.join(' or ')}: automatic hosts patch and reboot on their own in the windows`),
    false,
  ).action(async (name: string, opts: DefinitionOptions, command: Command) => {
    await withSteward(command, async (s) => {
      const p = await s.policies.create(definitionFrom(name, opts)).catch(inOptionTerms);
      process.stdout.write(`added policy ${p.name} (id ${p.id})\n`);
      printPolicy(p);
    });
  });

  definitionOptions(
    policies
      .command('update <name>')
      .description('change a policy: the options given replace their values, the others keep theirs; the assignments stay')
      .option('--mode <mode>', `${policyModes.join(' or ')} (unchanged when not given)`)
      .option('--rename <new-name>', 'give the policy a new name'),
    true,
  ).action(async (name: string, opts: DefinitionOptions, command: Command) => {
    await withSteward(command, async (s) => {
      const current = await policyByName(s, name);
      const p = await s.policies.update(current.id, definitionFrom(current.name, opts, current)).catch(inOptionTerms);
      process.stdout.write(`updated policy ${p.name} (id ${p.id})\n`);
      printPolicy(p);
    });
  });

  policies
    .command('remove <name>')
    .description('remove a policy; refused while it is assigned')
    .action(async (name: string, _opts: unknown, command: Command) => {
      await withSteward(command, async (s) => {
        await s.policies.remove(await s.policies.idOf(name));
        process.stdout.write(`removed policy ${name}\n`);
      });
    });

  for (const [verb, description] of [
    ['assign', "apply the policy to a customer's hosts, or (with --tag) to those with one of its tags, which wins over the customer's"],
    ['unassign', 'remove an assignment, named as when it was made'],
  ] as const) {
    policies
      .command(`${verb} <name>`)
      .description(description)
      .requiredOption('--customer <customer>', 'the customer, by name or alias')
      .option('--tag <tag>', "one of the customer's tags")
      .action(async (name: string, opts: { customer: string; tag?: string }, command: Command) => {
        await withSteward(command, async (s) => {
          const id = await s.policies.idOf(name);
          const target = { customer: opts.customer, tag: opts.tag ?? null };
          const where = `customer ${opts.customer}${opts.tag ? ` tag ${opts.tag}` : ''}`;
          if (verb === 'assign') {
            await s.policies.assign(id, target).catch(inOptionTerms);
            process.stdout.write(`assigned policy ${name} to ${where}\n`);
          } else {
            await s.policies.unassign(id, target).catch(inOptionTerms);
            process.stdout.write(`unassigned policy ${name} from ${where}\n`);
          }
        });
      });
  }

  policies
    .command('host <host>')
    .description("a host's policy (by name or id), through which assignment, and its next patch and reboot windows")
    .option('--json', 'print JSON')
    .action(async (host: string, opts: { json?: boolean }, command: Command) => {
      await withSteward(command, async (s) => {
        const result = await s.policies.hostPolicy(unscoped, await hostId(s, host));
        if (opts.json) return printJson(result);
        if (!result.policy) {
          process.stdout.write(`host ${host} follows no policy: it is patched by hand (manual)\n`);
          return;
        }
        const via = result.via!;
        process.stdout.write(`host ${host} follows policy ${result.policy.name} through customer ${via.customer.name}${via.tag === null ? '' : ` tag ${via.tag}`}\n`);
        printPolicy(result.policy);
        const rows = [...windowRows('patch', [result.nextPatchWindow], result.policy.timeZone), ...windowRows('reboot', [result.nextRebootWindow], result.policy.timeZone)];
        if (rows.length > 0) {
          process.stdout.write('\nnext windows:\n');
          printTable(rows, ['window', 'start', 'end', 'local']);
        }
      });
    });
}
