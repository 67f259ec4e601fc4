// `steward export hiera DIR` and `steward export enc CERTNAME`: the Puppet export on the configured database
// (docs/puppet-export.md). `export enc` is what Puppet's `external_nodes` setting runs: the node's YAML on stdout, or,
// for a node Steward does not know, nothing on stdout, a message on stderr and exit code 1 — which Puppet's exec node
// terminus takes as "node not found".
import type { Command } from 'commander';
import { unscoped } from '../core/auth/permissions.js';
import { defaultEnvironment, type HieraExportSummary } from '../remediation/index.js';
import { withSteward } from './context.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const shownSkipped = 10;

function printSummary(s: HieraExportSummary): void {
  const lines = [`exported ${plural(s.hosts, 'host')}, ${plural(s.customers, 'customer file')}, ${plural(s.tags, 'tag file')} into ${s.dir}`];
  if (s.skipped.length > 0) {
    lines.push(`skipped ${plural(s.skipped.length, 'host')}:`);
    for (const h of s.skipped.slice(0, shownSkipped)) lines.push(`  ${JSON.stringify(h.name)} (host ${h.id}): ${h.reason}`);
    if (s.skipped.length > shownSkipped) lines.push(`  … and ${s.skipped.length - shownSkipped} more (--json lists them all)`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function registerExport(program: Command): void {
  const exportCommand = program.command('export').description('the Puppet export: Hiera data and an external node classifier (see docs/puppet-export.md)');
  exportCommand
    .command('hiera <dir>')
    .description(
      'write the Hiera data of every host (nodes/<certname>.yaml), customer (customers/<customer>.yaml) and customer tag with a policy (customers/<customer>/tags/<tag>.yaml) into DIR, at once: built beside DIR, then renamed into place; a failed export leaves DIR as it was. DIR must be absent, empty, or an earlier export',
    )
    .option('--json', 'print the summary as JSON')
    .action(async (dir: string, opts: { json?: boolean }, command: Command) => {
      const summary = await withSteward(command, (s) => s.exports.writeHiera(dir));
      if (opts.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      else printSummary(summary);
    });
  exportCommand
    .command('enc <certname>')
    .description("print the node's external node classifier answer (classes, parameters, environment) as YAML, for Puppet's external_nodes setting; an unknown node exits with code 1")
    .option('--environment <name>', 'the environment to answer', defaultEnvironment)
    .action(async (certname: string, opts: { environment: string }, command: Command) => {
      const yaml = await withSteward(command, (s) => s.exports.encYamlOf(unscoped, certname, opts.environment));
      process.stdout.write(yaml);
    });
}
