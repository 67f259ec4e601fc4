// `steward advisories import|list` and `steward advisories feed add|list|remove|fetch`, on the configured database.
import type { Command } from 'commander';
import { unscoped } from '../core/auth/permissions.js';
import { feedFormatChoices, type FeedView, type ImportSummary } from '../advisories/index.js';
import { feedLocation, parseFormatOption, parseReleaseOption, readAdvisoryInput } from './advisory-input.js';
import { CliError, configFrom, printTable, withSteward } from './context.js';
import { Progress } from './progress.js';

const formats = feedFormatChoices.join(', ');

function printSummary(what: string, s: ImportSummary): void {
  const skipped = Object.entries(s.skipped).map(([reason, n]) => `${n} ${reason}`);
  process.stdout.write(
    [
      `${what}: ${s.advisories} advisories, ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged${s.withdrawn ? `; ${s.withdrawn} withdrawn` : ''}`,
      ...(skipped.length ? [`skipped: ${skipped.join('; ')}`] : []),
      `hosts evaluated: ${s.hosts} (${s.evaluated} distinct packages judged); exposures: ${s.opened} opened, ${s.closed} closed`,
    ].join('\n') + '\n',
  );
}

const printJson = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

async function importCommand(text: string, opts: { format?: string; json?: boolean }, command: Command): Promise<void> {
  const format = parseFormatOption(opts.format);
  const progress = opts.json ? undefined : new Progress();
  const input = await readAdvisoryInput(text, format, configFrom(command), progress);
  progress?.step(`importing ${input.feed.advisories.length} advisories (${input.format}): writing them, then evaluating the hosts they touch`);
  const summary = await withSteward(command, (s) => s.advisories.importFeed(input.feed)).finally(() => progress?.finish());
  if (opts.json) printJson({ location: input.location, format: input.format, ...summary });
  else printSummary(`imported ${input.location} (${input.format})`, summary);
}

function printFeeds(feeds: FeedView[]): void {
  printTable(
    feeds.map((f) => ({ ...f, advisories: f.advisoryCount, lastAttempt: f.lastAttemptAt, lastSuccess: f.lastSuccessAt })),
    ['name', 'format', 'every', 'advisories', 'lastAttempt', 'lastSuccess', 'lastError', 'location'],
  );
}

export function registerAdvisories(program: Command): void {
  const advisories = program.command('advisories').description('security advisories: import feeds, list what is known');
  advisories
    .command('import <location>')
    .summary('import an advisory feed from a file, an OSV folder or a URL')
    .description(`import an advisory feed — a file, a folder of OSV .json files, or an http(s) URL — all or nothing, then evaluate the hosts it touches. Formats: ${formats}`)
    .option('--format <format>', `one of ${formats} (default auto: found from the content)`)
    .option('--json', 'print the summary as JSON, without progress')
    .action(importCommand);
  advisories
    .command('list')
    .description('list advisories, newest first (500 at most)')
    .option('-q, --query <text>', 'search in ids, CVEs, package names and titles')
    .option('--release <release>', 'only advisories that cover this release (codename or version: bookworm, 12, jammy, 22.04)')
    .option('--json', 'print JSON')
    .action(async (opts: { query?: string; release?: string; json?: boolean }, command: Command) => {
      const release = opts.release === undefined ? undefined : parseReleaseOption(opts.release);
      await withSteward(command, async (s) => {
        const { items, total } = await s.advisories.list(unscoped, { q: opts.query || undefined, release }, { limit: 500, offset: 0 });
        if (opts.json) return printJson({ items, total });
        printTable(items.map((a) => ({ ...a, cves: a.cves.join(' ') })), ['id', 'source', 'issued', 'severity', 'title', 'cves']);
        if (total > items.length) process.stdout.write(`(${items.length} of ${total} shown; -q narrows the list)\n`);
      });
    });

  const feed = advisories.command('feed').description('advisory feeds fetched on a schedule by the worker role');
  feed
    .command('add <name> <location>')
    .description('add a feed: an http(s) URL (fetched with conditional requests), a file or an OSV folder; the worker fetches it within a minute, then every interval')
    .option('--format <format>', `one of ${formats}`, 'auto')
    .option('--every <interval>', 'how often to fetch it: 30m, 6h, 1d (1m to 24d)', '6h')
    .action(async (name: string, location: string, opts: { format: string; every: string }, command: Command) => {
      await withSteward(command, async (s) => {
        const added = await s.advisoryFeeds.add({ name, location: feedLocation(location), format: parseFormatOption(opts.format), every: opts.every }, { anyPath: true });
        process.stdout.write(`added feed ${added.name}: ${added.location} (${added.format}), every ${added.every}\n`);
      });
    });
  feed
    .command('list')
    .description('list feeds with their last attempt, last success and last error')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, command: Command) => {
      await withSteward(command, async (s) => {
        const feeds = await s.advisoryFeeds.list();
        if (opts.json) printJson(feeds);
        else printFeeds(feeds);
      });
    });
  feed
    .command('remove <name>')
    .description('stop fetching a feed; the advisories it imported stay')
    .action(async (name: string, _opts: unknown, command: Command) => {
      await withSteward(command, async (s) => {
        await s.advisoryFeeds.remove((await s.advisoryFeeds.byName(name)).id);
        process.stdout.write(`removed feed ${name} (the advisories it imported stay)\n`);
      });
    });
  feed
    .command('fetch <name>')
    .description('fetch a feed now, due or not, and import it')
    .action(async (name: string, _opts: unknown, command: Command) => {
      await withSteward(command, async (s) => {
        const result = await s.advisoryFeeds.fetchNow((await s.advisoryFeeds.byName(name)).id);
        if (result.outcome === 'failed') throw new CliError(`feed ${name}: ${result.error}`);
        if (result.outcome === 'not-modified') process.stdout.write(`feed ${name}: not modified since its last import\n`);
        else printSummary(`feed ${name}`, result.summary);
      });
    });
}
