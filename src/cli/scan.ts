// `steward scan`: a dpkg status file (this machine's by default) against advisory files, offline — no server, no
// database — printing the report the server gives for a host. Exit 0 whether or not exposures are found; 1 when a
// file cannot be read or parsed or the release is unknown.
import { realpath } from 'node:fs/promises';
import type { Command } from 'commander';
import { scanJson, scanPackages, type ScanReport } from '../advisories/index.js';
import { collectLocalReport } from '../inventory/index.js';
import { parseReleaseOption, readAdvisoryInput } from './advisory-input.js';
import { CliError, configFrom, printTable } from './context.js';

const localStatus = '/var/lib/dpkg/status';

interface ScanOptions {
  status: string;
  release?: string;
  advisories: string[];
  kernel?: string;
  json?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** Whether `path` is this machine's own status file: only then are its release and running kernel this machine's. */
async function isLocalStatus(path: string): Promise<boolean> {
  const [a, b] = await Promise.all([realpath(path).catch(() => path), realpath(localStatus).catch(() => localStatus)]);
  return a === b;
}

function printReport(r: ScanReport, sources: number): void {
  const rows = (list: ScanReport['exposures']) => list.map((e) => ({ ...e, installed: e.installedVersion, fixed: e.fixedVersion ?? '(none)' }));
  const columns = ['advisory', 'package', 'arch', 'installed', 'fixed', 'state'];
  process.stdout.write(`${r.release}: ${r.packages} installed packages against ${r.advisories} advisories from ${sources} source(s)\n`);
  if (r.exposures.length === 0) process.stdout.write('no exposures\n');
  else {
    const advisories = new Set(r.exposures.map((e) => e.advisory)).size;
    const unfixed = r.exposures.filter((e) => e.state === 'unfixed').length;
    process.stdout.write(`${r.exposures.length} exposures in ${advisories} advisories (${r.exposures.length - unfixed} with a fix available, ${unfixed} unfixed):\n`);
    printTable(rows(r.exposures), columns);
  }
  if (r.notRunningKernels.length > 0) {
    process.stdout.write('\nkernels installed but not running (not counted above):\n');
    printTable(rows(r.notRunningKernels), columns);
  }
  if (r.fixCommand) process.stdout.write(`\nfix: ${r.fixCommand}\n`);
}

async function scan(opts: ScanOptions, command: Command): Promise<void> {
  if (opts.advisories.length === 0) throw new CliError('--advisories: name at least one advisory file (a DSA/DLA list, tracker JSON, USN JSON, an OSV file or folder)');
  const local = await isLocalStatus(opts.status);
  const host = await collectLocalReport({ statusPath: opts.status }).catch((err: Error) => {
    // Errors of the reading and of the package checks name the file already; those of the parser name only the line.
    throw new CliError(err.message.includes(opts.status) ? err.message : `${opts.status}: ${err.message}`);
  });
  const { osCodename, osId, osVersion } = host.host;
  const own = osCodename ?? (osVersion === undefined ? undefined : `${osId ?? ''} ${osVersion}`);
  let release: string;
  if (opts.release !== undefined) release = parseReleaseOption(opts.release);
  else if (local && own !== undefined) release = parseReleaseOption(own);
  else throw new CliError(`--release: which release is ${opts.status} from? (a codename or version: bookworm, 12, jammy, 22.04)`);
  const config = configFrom(command);
  const feeds = [];
  for (const file of opts.advisories) feeds.push((await readAdvisoryInput(file, 'auto', config)).feed);
  const kernel = opts.kernel ?? (local ? (host.host.kernel ?? null) : null);
  const report = scanPackages(host.packages, release, feeds, kernel);
  if (report.unjudged.length > 0) {
    const first = report.unjudged[0]!;
    process.stderr.write(`steward: warning: ${report.unjudged.length} installed package(s) not judged, their versions cannot be ordered (first: ${first.name} ${first.version})\n`);
  }
  if (opts.json) process.stdout.write(`${JSON.stringify(scanJson(report), null, 2)}\n`);
  else printReport(report, opts.advisories.length);
}

export function registerScan(program: Command): void {
  program
    .command('scan')
    .summary('check a dpkg status file against advisory files, offline')
    .description(
      "check a dpkg status file (this machine's by default) against advisory files of any format, offline: no server, no database. Prints each exposure (advisory, package, installed and fixed version, state) and the apt-get command that installs the fixes. Exits 0 whether or not exposures are found, 1 on an error",
    )
    .option('--status <file>', 'the dpkg status file', localStatus)
    .option('--release <release>', "the status file's release, codename or version (bookworm, 12, jammy, 22.04); default: this machine's, for its own status file")
    .option('--advisories <location>', 'an advisory file (DSA/DLA list, tracker JSON, USN JSON, OSV), a folder of OSV files or a URL; repeat for more', collect, [])
    .option('--kernel <release>', "the running kernel (uname -r): other installed kernels are listed apart; default: this machine's, for its own status file, else none is set apart")
    .option('--json', 'print {exposures: [{advisory, package, installedVersion, fixedVersion, state}]}; kernels that are not running are left out')
    .action(scan);
}
