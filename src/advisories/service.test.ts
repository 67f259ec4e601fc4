import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect, createTestDatabase, type TestDatabase } from '../../test/helpers/databases.js';
import { createLogger } from '../core/logger.js';
import { EventBus } from '../core/events.js';
import { createInventory, type InventoryService, type ReportedPackage } from '../inventory/index.js';
import { createAdvisories } from './index.js';
import type { AdvisoryService } from './service.js';
import type { ParsedAdvisory } from './model.js';

const pkg = (name: string, version: string, source = name, sourceVersion = version): ReportedPackage => ({ name, version, arch: 'amd64', source, sourceVersion });

const dsa = (id: string, fixed: string | null, state: ParsedAdvisory['packages'][number]['state'] = 'fixed', release = 'bookworm'): ParsedAdvisory => ({
  id,
  source: 'debian',
  title: `${id} openssl`,
  cves: ['CVE-2023-0286'],
  packages: [{ release, kind: 'source', name: 'openssl', fixedVersion: fixed, state }],
});

describeEachDialect('advisory matching and exposures', (dialect) => {
  let t: TestDatabase;
  let inventory: InventoryService;
  let advisories: AdvisoryService;
  const logger = createLogger('silent');

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    const events = new EventBus(logger);
    inventory = createInventory(t.db, events);
    advisories = createAdvisories(t.db, inventory, events, logger);
  });
  afterEach(async () => {
    await advisories.settle();
    await t.cleanup();
  });

  const report = async (name: string, packages: ReportedPackage[], host: { osCodename?: string; kernel?: string } = {}) => {
    const r = await inventory.ingest({ host: { name, osCodename: 'bookworm', ...host }, packages });
    await advisories.settle();
    return r.hostId;
  };
  const open = (hostId?: number) =>
    advisories.store.k
      .selectFrom('exposures')
      .innerJoin('advisories', 'advisories.id', 'exposures.advisory')
      .select(['advisories.advisory_id as advisory', 'exposures.host_id as hostId', 'exposures.package', 'exposures.installed_version as installed', 'exposures.fixed_version as fixed', 'exposures.state', 'exposures.not_running as notRunning'])
      .where('exposures.closed_at', 'is', null)
      .$if(hostId !== undefined, (q) => q.where('exposures.host_id', '=', hostId!))
      .orderBy('exposures.id')
      .execute();
  const closed = () =>
    advisories.store.k.selectFrom('exposures').select(['package', 'close_reason as reason', 'evidence_version as evidence']).where('closed_at', 'is not', null).orderBy('id').execute();

  it('opens an exposure for an installed binary whose source is below the fixed version, on its release only', async () => {
    const web = await report('web-1', [pkg('libssl3', '3.0.8-1', 'openssl', '3.0.8-1'), pkg('zlib1g', '1:1.2.13.dfsg-1', 'zlib')]);
    const old = await report('old-1', [pkg('libssl3', '3.0.8-1', 'openssl', '3.0.8-1')], { osCodename: 'bullseye' });
    const summary = await advisories.importFeed({ advisories: [dsa('DSA-5417-1', '3.0.9-1')], skipped: {} });
    // Only hosts of a release the advisory names are judged again.
    expect(summary).toMatchObject({ advisories: 1, created: 1, hosts: 1, opened: 1 });
    expect(await open()).toEqual([{ advisory: 'DSA-5417-1', hostId: web, package: 'libssl3', installed: '3.0.8-1', fixed: '3.0.9-1', state: 'fixed-available', notRunning: 0 }]);
    expect(await open(old)).toEqual([]);
  });

  it('knows the release of a host that reports only its OS and version (debian 12 is bookworm)', async () => {
    const r = await inventory.ingest({ host: { name: 'no-codename', osId: 'debian', osVersion: '12' }, packages: [pkg('openssl', '3.0.8-1')] });
    await advisories.settle();
    await advisories.importFeed({ advisories: [dsa('DSA-5417-1', '3.0.9-1')], skipped: {} });
    expect((await open(r.hostId)).map((e) => e.advisory)).toEqual(['DSA-5417-1']);
  });

  it('closes an exposure by evidence when the host reports the fixed version, or when the package goes', async () => {
    await advisories.importFeed({ advisories: [dsa('DSA-5417-1', '3.0.9-1')], skipped: {} });
    await report('web-1', [pkg('libssl3', '3.0.8-1', 'openssl'), pkg('openssl', '3.0.8-1')]);
    expect(await open()).toHaveLength(2);
    await report('web-1', [pkg('libssl3', '3.0.9-1', 'openssl')]);
    expect(await open()).toEqual([]);
    expect(await closed()).toEqual([
      { package: 'libssl3', reason: 'upgraded', evidence: '3.0.9-1' },
      { package: 'openssl', reason: 'removed', evidence: null },
    ]);
  });

  it('counts unfixed advisories against every installed version, and not-affected against none', async () => {
    await report('web-1', [pkg('openssl', '99.0-1')]);
    await advisories.importFeed({ advisories: [dsa('CVE-2099-0001', null, 'unfixed'), dsa('CVE-2099-0002', null, 'not-affected')], skipped: {} });
    expect((await open()).map((e) => [e.advisory, e.state, e.fixed])).toEqual([['CVE-2099-0001', 'unfixed', null]]);
  });

  it('follows a revision of an advisory: a later fixed version keeps the host exposed, a withdrawn package frees it', async () => {
    await report('web-1', [pkg('openssl', '3.0.9-1')]);
    await advisories.importFeed({ advisories: [dsa('DSA-5417-1', '3.0.9-1')], skipped: {} });
    expect(await open()).toEqual([]);
    const revised = await advisories.importFeed({ advisories: [dsa('DSA-5417-1', '3.0.9-2')], skipped: {} });
    expect(revised).toMatchObject({ created: 0, updated: 1, opened: 1 });
    expect((await open())[0]).toMatchObject({ fixed: '3.0.9-2' });
    const again = await advisories.importFeed({ advisories: [dsa('DSA-5417-1', '3.0.9-2')], skipped: {} });
    expect(again).toMatchObject({ unchanged: 1, hosts: 0 });
  });

  it('closes the exposures of an advisory a feed withdraws, and opens them again if it comes back', async () => {
    await report('web-1', [pkg('openssl', '3.0.8-1')]);
    await advisories.importFeed({ advisories: [dsa('USN-9999-1', '3.0.9-1')], skipped: {} });
    expect(await open()).toHaveLength(1);
    const withdrawn = await advisories.importFeed({ advisories: [], skipped: { 'withdrawn record': 1 }, withdrawn: ['USN-9999-1'] });
    expect(withdrawn).toMatchObject({ withdrawn: 1 });
    expect(await open()).toEqual([]);
    expect(await closed()).toEqual([{ package: 'openssl', reason: 'advisory-withdrawn', evidence: null }]);
    // The matcher forgot it too: a new report of the same host finds nothing.
    await report('web-1', [pkg('openssl', '3.0.8-1'), pkg('curl', '7.88.1-10')]);
    expect(await open()).toEqual([]);
    const back = await advisories.importFeed({ advisories: [dsa('USN-9999-1', '3.0.9-1')], skipped: {} });
    expect(back).toMatchObject({ updated: 1, opened: 1 });
  });

  it('lists kernels that are installed but not running apart', async () => {
    const linux = (name: string, version: string) => pkg(name, version, 'linux', version);
    await report('web-1', [linux('linux-image-6.1.0-17-amd64', '6.1.69-1'), linux('linux-image-6.1.0-18-amd64', '6.1.76-1')], { kernel: '6.1.0-18-amd64' });
    await advisories.importFeed({ advisories: [{ ...dsa('DSA-5999-1', '6.1.90-1'), packages: [{ release: 'bookworm', kind: 'source', name: 'linux', fixedVersion: '6.1.90-1', state: 'fixed' }] }], skipped: {} });
    expect((await open()).map((e) => [e.package, e.notRunning])).toEqual([
      ['linux-image-6.1.0-17-amd64', 1],
      ['linux-image-6.1.0-18-amd64', 0],
    ]);
  });

  it('closes the exposures of hosts that stopped reporting, and opens them again when they report', async () => {
    await advisories.importFeed({ advisories: [dsa('DSA-5417-1', '3.0.9-1')], skipped: {} });
    await report('web-1', [pkg('openssl', '3.0.8-1')]);
    const absent = await inventory.markAbsent(60_000, Date.now() + 3_600_000);
    await advisories.hostsAbsent(absent);
    expect(await open()).toEqual([]);
    expect((await closed())[0]).toMatchObject({ reason: 'host-absent' });
    await report('web-1', [pkg('openssl', '3.0.8-1')]);
    expect(await open()).toHaveLength(1);
  });

  it("sees the reports another replica took: its cached hosts follow the database's digests", async () => {
    await report('web-1', [pkg('zlib1g', '1:1.2.13.dfsg-1', 'zlib')]);
    const zlib = { ...dsa('DSA-5000-1', '1:1.2.13.dfsg-2'), packages: [{ release: 'bookworm', kind: 'source' as const, name: 'zlib', fixedVersion: '1:1.2.13.dfsg-2', state: 'fixed' as const }] };
    expect(await advisories.importFeed({ advisories: [zlib], skipped: {} })).toMatchObject({ hosts: 1, opened: 1 });
    expect(await advisories.evaluate()).toMatchObject({ hosts: 1 }); // this replica now holds web-1's set in memory
    // Another replica (its own inventory and event bus) takes web-1's next report.
    const other = createInventory(t.db, new EventBus(logger));
    await other.ingest({ host: { name: 'web-1', osCodename: 'bookworm' }, packages: [pkg('openssl', '3.0.8-1')] });
    const summary = await advisories.importFeed({ advisories: [dsa('DSA-5417-1', '3.0.9-1')], skipped: {} });
    expect(summary).toMatchObject({ hosts: 1, opened: 1 });
    // And a full evaluation here closes the zlib exposure the other replica's report ended.
    expect(await advisories.evaluate()).toMatchObject({ closed: 1 });
  });

  it('evaluates each distinct package once for all the hosts that share it', async () => {
    for (let i = 0; i < 20; i++) await report(`web-${i}`, [pkg('openssl', '3.0.8-1'), pkg(`tool-${i}`, '1.0-1')]);
    const summary = await advisories.importFeed({ advisories: [dsa('DSA-5417-1', '3.0.9-1')], skipped: {} });
    // The import judges only what it touched: openssl, once for all 20 hosts.
    expect(summary).toMatchObject({ hosts: 20, evaluated: 1, opened: 20 });
    // A full evaluation adds each host's own tool; openssl is known already. Then nothing is judged twice.
    expect(await advisories.evaluate()).toMatchObject({ hosts: 20, evaluated: 20, opened: 0, closed: 0 });
    expect(await advisories.evaluate()).toMatchObject({ hosts: 20, evaluated: 0, opened: 0, closed: 0 });
  });
});
