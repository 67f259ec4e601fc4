// What the agent knows about the machine it runs on: dpkg's status file, os-release, machine-id, kernel, name.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { arch as nodeArch, hostname, release } from 'node:os';
import { promisify } from 'node:util';
import { normalizePackages, parseDpkgStatus, parseOsRelease } from '../formats/index.js';
import type { HostReport } from '../report.js';

export interface CollectOptions {
  statusPath?: string;
  osReleasePath?: string;
  machineIdPath?: string;
  hostname?: string;
  customer?: string;
}

/** The content of the first of `paths` that can be read and passes `usable`. */
async function firstReadable(paths: string[], usable: (text: string) => boolean = () => true): Promise<string | undefined> {
  for (const p of paths) {
    const text = await readFile(p, 'utf8').catch(() => undefined);
    if (text !== undefined && usable(text)) return text;
  }
  return undefined;
}

// machine-id(5): 32 lower-case hex digits. The server keys hosts by it, so an image's placeholder ("uninitialized",
// an empty file) must not become an identity every host built from that image would share.
const machineIdPattern = /^[0-9a-f]{32}$/;

const debianArchOfNode: Record<string, string> = { x64: 'amd64', ia32: 'i386', arm64: 'arm64', arm: 'armhf', ppc64: 'ppc64el', s390x: 's390x', riscv64: 'riscv64' };

/** dpkg's own idea of the architecture (amd64, arm64…), which is not Node's (x64, arm64…). */
async function dpkgArchitecture(): Promise<string> {
  try {
    const arch = (await promisify(execFile)('dpkg', ['--print-architecture'])).stdout.trim();
    if (arch) return arch;
  } catch {
    // no dpkg on the PATH (a container without it, a test): Node's name for the CPU is the next best thing
  }
  return debianArchOfNode[nodeArch()] ?? nodeArch();
}

export async function collectLocalReport(opts: CollectOptions = {}): Promise<HostReport> {
  const statusPath = opts.statusPath ?? '/var/lib/dpkg/status';
  const [status, osRelease, machineId, architecture] = await Promise.all([
    readFile(statusPath, 'utf8').catch((err: Error) => {
      throw new Error(`cannot read the dpkg status file ${statusPath}: ${err.message}`);
    }),
    firstReadable(opts.osReleasePath ? [opts.osReleasePath] : ['/etc/os-release', '/usr/lib/os-release']),
    firstReadable(opts.machineIdPath ? [opts.machineIdPath] : ['/etc/machine-id', '/var/lib/dbus/machine-id'], (t) => machineIdPattern.test(t.trim())),
    dpkgArchitecture(),
  ]);
  const os = parseOsRelease(osRelease ?? '');
  return {
    host: {
      name: opts.hostname ?? hostname(),
      ...(machineId ? { machineId: machineId.trim() } : {}),
      ...(opts.customer ? { customer: opts.customer } : {}),
      architecture,
      ...(os.osId ? { osId: os.osId } : {}),
      ...(os.osVersion ? { osVersion: os.osVersion } : {}),
      ...(os.osCodename ? { osCodename: os.osCodename } : {}),
      kernel: release(),
    },
    packages: normalizePackages(parseDpkgStatus(status), statusPath),
  };
}
