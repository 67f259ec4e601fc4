// What matching needs of every host — release, running kernel, presence, package-version ids — kept in memory and
// brought up to date from the digests of the hosts' package sets: other replicas' reports change hosts too, so the
// database's digests, not this process's events, say which sets to read again.
import type { InventoryService } from '../inventory/index.js';
import { normalizeRelease } from './releases.js';

export interface MatchingHost {
  id: number;
  /** The codename advisories use: as reported, or from the OS and its version (`debian 12` → bookworm). */
  release: string | null;
  kernel: string | null;
  present: boolean;
  packageIds: Int32Array;
}

interface Cached extends MatchingHost {
  digest: string | null;
}

const readChunk = 500;

export class HostSets {
  private readonly hosts = new Map<number, Cached>();
  /** The inventory's mark when the cache was last brought up to date: while it stays, nothing changed. */
  private mark?: string;

  constructor(private readonly inventory: InventoryService) {}

  /** Every host, up to date: one query for the digests, then the sets of the hosts that changed. */
  async all(): Promise<MatchingHost[]> {
    const mark = await this.inventory.hostsMark();
    if (mark === this.mark) return [...this.hosts.values()];
    const digests = await this.inventory.hostDigests();
    const seen = new Set<number>();
    const stale: number[] = [];
    for (const d of digests) {
      seen.add(d.id);
      const c = this.hosts.get(d.id);
      if (!c || c.digest !== d.digest) stale.push(d.id);
      else Object.assign(c, { release: releaseOf(d), kernel: d.kernel, present: d.present });
    }
    for (const id of this.hosts.keys()) if (!seen.has(id)) this.hosts.delete(id);
    for (let i = 0; i < stale.length; i += readChunk) await this.read(stale.slice(i, i + readChunk));
    this.mark = mark;
    return [...this.hosts.values()];
  }

  /** These hosts, read afresh (they just reported). */
  async some(hostIds: number[]): Promise<MatchingHost[]> {
    await this.read(hostIds);
    return hostIds.map((id) => this.hosts.get(id)).filter((h): h is Cached => h !== undefined);
  }

  private async read(hostIds: number[]): Promise<void> {
    for (const h of await this.inventory.hostsForMatching(hostIds)) {
      this.hosts.set(h.id, { id: h.id, release: releaseOf(h), kernel: h.kernel, present: h.present, digest: h.digest, packageIds: Int32Array.from(h.packageIds) });
    }
  }
}

// A fleet has a handful of distinct (codename, OS, version) triples: each is read once, not once per host per refresh.
const releases = new Map<string, string | null>();
function releaseOf(h: { release: string | null; osId: string | null; osVersion: string | null }): string | null {
  const key = `${h.release}\u0000${h.osId}\u0000${h.osVersion}`;
  let release = releases.get(key);
  if (release === undefined) {
    release = (h.release ? normalizeRelease(h.release) : undefined) ?? (h.osId && h.osVersion ? normalizeRelease(`${h.osId} ${h.osVersion}`) : undefined) ?? h.release;
    if (releases.size >= 10_000) releases.clear();
    releases.set(key, release);
  }
  return release;
}
