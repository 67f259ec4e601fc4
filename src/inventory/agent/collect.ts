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

const firstReadable = async (paths: string[]): Promise<string | undefined> => {
  for (const p of paths) {
    try {
      return await readFile(p, 'utf8');
    } catch {
      // try the next candidate
    }
  }
  return undefined;
};

/** dpkg's own idea of the architecture (amd64, arm64…), which is not Node's (x64, arm64…). */
async function dpkgArchitecture(): Promise<string> {
  try {
    return (await promisify(execFile)('dpkg', ['--print-architecture'])).stdout.trim();
  } catch {
    return ({ x64: 'amd64', ia32: 'i386', arm64: 'arm64', arm: 'armhf', ppc64: 'ppc64el', s390x: 's390x' } as Record<string, string>)[nodeArch()] ?? nodeArch();
  }
}

export async function collectLocalReport(opts: CollectOptions = {}): Promise<HostReport> {
  const statusPath = opts.statusPath ?? '/var/lib/dpkg/status';
  const status = await readFile(statusPath, 'utf8').catch((err: Error) => {
    throw new Error(`cannot read the dpkg status file ${statusPath}: ${err.message}`);
  });
  const os = parseOsRelease((await firstReadable(opts.osReleasePath ? [opts.osReleasePath] : ['/etc/os-release', '/usr/lib/os-release'])) ?? '');
  const machineId = (await firstReadable(opts.machineIdPath ? [opts.machineIdPath] : ['/etc/machine-id', '/var/lib/dbus/machine-id']))?.trim();
  return {
    host: {
      name: opts.hostname ?? hostname(),
      ...(machineId ? { machineId } : {}),
      ...(opts.customer ? { customer: opts.customer } : {}),
      architecture: await dpkgArchitecture(),
      ...(os.osId ? { osId: os.osId } : {}),
      ...(os.osVersion ? { osVersion: os.osVersion } : {}),
      ...(os.osCodename ? { osCodename: os.osCodename } : {}),
      kernel: release(),
    },
    packages: normalizePackages(parseDpkgStatus(status), statusPath),
  };
}
