// The UI in a real headless Chromium (Debian's package, driven by playwright-core): sign in, find the host the
// agent reported, open its page; find the apps that reported their versions, follow one to the host it runs on;
// follow an advisory that hits a package this machine really has from the list to the host and its fix, and rate it.
// Outside CI it is skipped (loudly) when chromium is not installed.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { adminApi, ensureWebBuilt, haveChromium, launchChromium, signIn } from '../helpers/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/fixtures.js';
import { localAdvisory, type LocalAdvisory } from '../helpers/local-advisory.js';
import { adminPassword, startTestServer, type TestServer } from '../helpers/server.js';

const customerName = 'Acme';
const viewer = { username: 'acme-viewer', password: 'acme viewer password' };

describe.skipIf(!haveChromium)('web UI in headless Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let advisory: LocalAdvisory;

  /** An app version update as Partisci clients send it, over real HTTP (anonymous, the default). */
  const sendUpdate = async (update: { app: string; ver: string; host: string; instance: number }) => {
    const res = await fetch(`${server.url}/api/v1/update/`, { method: 'POST', body: JSON.stringify(update) });
    expect(res.status, await res.text()).toBe(200);
  };

  const asAdmin = adminApi(() => server.url);

  /** Imports, over the API, an advisory for this machine's release (as the agent reported it). */
  const importLocalAdvisory = async () => {
    const hosts = await asAdmin('GET', `/hosts?q=${encodeURIComponent(hostname())}`);
    const release = (hosts.body as { items: { osCodename: string | null }[] }).items[0]?.osCodename;
    expect(release, 'the agent reports the release codename').toBeTruthy();
    advisory = localAdvisory(release!);
    // The report's own evaluation first, so that the import is what opens the exposure.
    await server.steward.advisories.settle();
    const imported = await asAdmin('POST', '/advisories/import?format=dsa-list', advisory.dsaList, 'text/plain');
    expect(imported).toMatchObject({ status: 200, body: { created: 2, opened: 1 } });
  };

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestServer('sqlite');
    const customer = await server.steward.inventory.addCustomer(customerName, null, []);
    await server.steward.auth.addUser({ ...viewer, role: 'customer', customerId: customer.id });
    const token = await runCli(['token', 'create', '--name', 'ui test', '--database', server.steward.config.databaseUrl]);
    const state = join(mkdtempSync(join(tmpdir(), 'steward-ui-')), 'agent-state.json');
    const reported = await runCli(['agent', 'report', '--server', server.url, '--token', token.stdout.trim(), '--state', state, '--customer', customerName]);
    expect(reported.code, reported.stderr).toBe(0);
    await importLocalAdvisory();
    // This machine and web-8 run Billing API 2.1.0; web-9 runs 2.0.3 and another app. Only this machine is an
    // inventory host (the agent reported it under its hostname).
    await sendUpdate({ app: 'Billing API', ver: '2.1.0', host: hostname(), instance: 0 });
    await sendUpdate({ app: 'Billing API', ver: '2.1.0', host: 'web-8', instance: 0 });
    await sendUpdate({ app: 'Billing API', ver: '2.0.3', host: 'web-9', instance: 0 });
    await sendUpdate({ app: 'Cron Runner', ver: '0.4.1', host: 'web-9', instance: 0 });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.cleanup();
  });

  it('signs in, finds the host the agent reported and opens its page', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/hosts`);
    await signIn(page, 'wrong password');
    await expect.poll(() => page.getByText('wrong username or password').count()).toBe(1);
    await signIn(page, adminPassword);

    await page.getByTestId('hosts-table').waitFor();
    await page.getByTestId('hosts-search').fill(hostname().slice(0, 6));
    const row = page.getByTestId('host-row').filter({ hasText: hostname() });
    await row.waitFor();
    await row.getByRole('link', { name: hostname() }).click();

    await expect.poll(() => page.getByTestId('host-name').textContent()).toContain(hostname());
    await page.getByTestId('host-packages').getByText('dpkg', { exact: true }).first().waitFor();
    expect(page.url()).toMatch(/\/hosts\/\d+$/);
    await page.screenshot({ path: join(repoRoot, 'dist', 'ui-host-page.png'), fullPage: true });
  });

  it('lists the apps that reported versions, charts one, and links its records to the inventory host', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/apps`);
    await signIn(page, adminPassword);

    await page.getByTestId('apps-table').waitFor();
    const billing = page.getByTestId('app-row').filter({ hasText: 'Billing API' });
    await expect.poll(() => billing.textContent()).toMatch(/2\.1\.0 on 2.*2\.0\.3 on 1/);
    await expect.poll(() => page.getByTestId('app-row').count()).toBe(2);
    // The download link carries the session cookie like any request of the page.
    const csv = await page.request.get(new URL((await page.getByTestId('apps-csv').getAttribute('href'))!, server.url).href);
    expect(await csv.text()).toContain('billing_api,Billing API,2.1.0,2,2,');

    await page.getByTestId('apps-search').fill('cron');
    await expect.poll(() => page.getByTestId('app-row').count()).toBe(1);
    await page.getByTestId('apps-search').fill('');
    await billing.getByRole('link', { name: 'Billing API' }).click();

    await expect.poll(() => page.getByTestId('app-name').textContent()).toBe('Billing API');
    expect(page.url()).toMatch(/\/apps\/billing_api$/);
    await expect.poll(() => page.getByTestId('version-row').allTextContents()).toEqual([expect.stringContaining('2.1.0'), expect.stringContaining('2.0.3')]);
    const chart = page.getByTestId('spread-chart');
    await expect.poll(() => chart.getAttribute('aria-label')).toMatch(/at the end: 2\.1\.0 on 2, 2\.0\.3 on 1$/);
    expect(await chart.locator('rect').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('version-change').allTextContents()).toContainEqual(expect.stringMatching(/^web-9 #0: 2\.0\.3 appeared \S/));
    await expect.poll(() => page.getByTestId('version-change').count()).toBe(3);
    await expect.poll(() => page.getByTestId('record-row').count()).toBe(3);
    await page.screenshot({ path: join(repoRoot, 'dist', 'ui-app-page.png'), fullPage: true });

    await page.getByTestId('records-filter-version').selectOption('2.0.3');
    await expect.poll(() => page.getByTestId('record-row').allTextContents()).toEqual([expect.stringContaining('web-9')]);
    // web-9 is no inventory host: nothing to link to.
    expect(await page.getByTestId('record-row').getByRole('link').count()).toBe(0);
    await page.getByTestId('records-filter-version').selectOption('2.1.0');
    await expect.poll(() => page.getByTestId('record-row').count()).toBe(2);
    await page.getByTestId('record-row').getByRole('link', { name: hostname() }).click();

    await expect.poll(() => page.getByTestId('host-name').textContent()).toContain(hostname());
    await page.getByRole('tab', { name: 'Apps' }).click();
    const hostApp = page.getByTestId('host-app-row');
    await expect.poll(() => hostApp.allTextContents()).toEqual([expect.stringMatching(/^Billing API2\.1\.00/)]);
    await hostApp.getByRole('link', { name: 'Billing API' }).click();
    await expect.poll(() => page.getByTestId('app-name').textContent()).toBe('Billing API');
  });

  it('follows an advisory that hits this machine from the list to the host and its fix, and rates it', async () => {
    const { id, cve, source, binary, installedVersion, fixedVersion } = advisory;
    const page = await browser.newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.goto(`${server.url}/advisories`);
    await signIn(page, adminPassword);

    const rows = page.getByTestId('advisory-row');
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByTestId('advisories-affecting').check();
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining(id)]);
    await page.getByTestId('advisories-affecting').uncheck();
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByTestId('advisories-search').fill(cve);
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining(id)]);
    await rows.getByRole('link', { name: id }).click();

    await expect.poll(async () => (await page.getByTestId('advisory-title').textContent())?.trim()).toBe(`${id}: ${source} - security update`);
    expect(await page.getByTestId('advisory-cves').textContent()).toBe(cve);
    await expect
      .poll(() => page.getByTestId('covered-package').locator('th, td').allTextContents())
      .toEqual([advisory.release, source, 'source', `fixed in ${fixedVersion}Hosts with an older version are affected.`]);
    await expect.poll(() => page.getByTestId('report-summary').textContent()).toBe('1 host affected now, 0 of 1 remediated (0 %)');
    const group = page.getByTestId('report-customer').filter({ hasText: customerName });
    await expect.poll(() => group.getByTestId('report-policy').textContent()).toContain('No patching policy yet');
    const reportHost = group.getByTestId('report-host');
    await expect.poll(() => reportHost.allTextContents()).toEqual([expect.stringContaining(hostname())]);
    expect(await reportHost.getByTestId('report-package').textContent()).toContain(`${binary} ${advisory.arch} ${installedVersion} → ${fixedVersion}`);
    const csv = await page.request.get(new URL((await page.getByTestId('report-csv').getAttribute('href'))!, server.url).href);
    expect(await csv.text()).toContain(`${hostname()},${customerName},`);

    // A staff rating shows at once, with who set it, here and in the list.
    await page.getByTestId('rating-select').selectOption('high');
    await page.getByTestId('rating-save').click();
    const severity = page.getByTestId('advisory-severity');
    await expect.poll(() => severity.textContent()).toBe('high local');
    expect(await severity.locator('.rating').getAttribute('title')).toMatch(/^Local rating by admin, \d{4}-/);
    await page.screenshot({ path: join(repoRoot, 'dist', 'ui-advisory-page.png'), fullPage: true });

    await reportHost.getByRole('link', { name: hostname() }).click();
    await expect.poll(() => page.getByTestId('host-name').textContent()).toContain(hostname());
    expect(await page.getByRole('tab', { name: 'Exposures' }).getAttribute('aria-selected')).toBe('true');
    const exposure = page.getByTestId('host-exposures-table').getByTestId('exposure');
    await expect
      .poll(() => exposure.locator('th, td').allTextContents())
      .toEqual([`${id}${source} - security update`, 'high', `${binary} ${advisory.arch}`, `${installedVersion} → ${fixedVersion}`, 'fix available']);
    expect(await page.getByTestId('fix-command').textContent()).toBe(`apt-get install --only-upgrade ${binary}`);
    await page.getByTestId('fix-command-copy').click();
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe(`apt-get install --only-upgrade ${binary}`);
    await page.screenshot({ path: join(repoRoot, 'dist', 'ui-host-exposures.png'), fullPage: true });

    await page.getByRole('link', { name: 'Hosts at risk', exact: true }).click();
    const atRisk = page.getByTestId('host-at-risk');
    await expect.poll(() => atRisk.count()).toBe(1);
    expect(await atRisk.getByRole('link').textContent()).toBe(hostname());
    // Customer, release, advisories, fix available, unfixed, worst rating: the local one.
    expect(await atRisk.locator('td').allTextContents()).toEqual([customerName, advisory.release, '1', '1', '0', 'high']);

    await page.getByRole('link', { name: 'Advisories', exact: true }).click();
    await page.getByTestId('advisories-search').fill(id);
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.getByTestId('advisory-severity').textContent()).toBe('high local');
  });

  it('shows a customer user the advisories that hit its hosts, without the rating control', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/advisories`);
    await signIn(page, viewer.password, viewer.username);

    await expect.poll(() => page.getByTestId('advisory-row').allTextContents()).toEqual([expect.stringContaining(advisory.id)]);
    expect(await page.getByTestId('advisories-affecting').count()).toBe(0);
    expect(await page.getByTestId('nav').getByRole('link', { name: 'Feeds' }).count()).toBe(0);
    await page.getByTestId('advisory-row').getByRole('link', { name: advisory.id }).click();
    await expect.poll(() => page.getByTestId('report-host').allTextContents()).toEqual([expect.stringContaining(hostname())]);
    expect(await page.getByTestId('rating-select').count()).toBe(0);
  });

  it('lists the advisory feeds with what their last fetch said, a failure in plain sight', async () => {
    // Feeds added over the API read files only under the data directory's feeds folder.
    const dir = join(server.steward.config.dataDir, 'feeds');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'DSA-list'), advisory.dsaList);
    const feeds = [
      { name: 'local-dsa', location: join(dir, 'DSA-list'), format: 'dsa-list', fetched: 200 },
      { name: 'gone-dsa', location: join(dir, 'missing', 'DSA-list'), format: 'dsa-list', fetched: 422 },
    ];
    for (const { fetched, ...feed } of feeds) {
      const added = await asAdmin('POST', '/advisory-feeds', JSON.stringify(feed));
      expect(added.status, JSON.stringify(added.body)).toBe(201);
      expect((await asAdmin('POST', `/advisory-feeds/${(added.body as { id: number }).id}/fetch`)).status).toBe(fetched);
    }

    const page = await browser.newPage();
    await page.goto(`${server.url}/hosts`);
    await signIn(page, adminPassword);
    await page.getByTestId('nav').getByRole('link', { name: 'Feeds' }).click();
    const row = (name: string) => page.getByTestId('feed-row').filter({ hasText: name });
    await expect.poll(() => page.getByTestId('feed-row').count()).toBe(2);
    // Name and location, format, every, last success, last error, advisories, next fetch.
    const local = await row('local-dsa').locator('th, td').allTextContents();
    expect(local.slice(1, 6)).toEqual(['dsa-list', '6h', 'just now', '—', '2']);
    const listed = (await asAdmin('GET', '/advisory-feeds')).body as { items: { name: string; lastError: string | null }[] };
    const lastError = listed.items.find((f) => f.name === 'gone-dsa')?.lastError;
    expect(lastError).toBeTruthy();
    const error = row('gone-dsa').getByTestId('feed-error');
    expect(await error.isVisible()).toBe(true);
    expect(await error.textContent()).toBe(lastError);
    // In the stylesheet's danger colour (the test runs without DOM types: the page evaluates text).
    const colourOf = (selector: string) => page.evaluate(`getComputedStyle(document.querySelector('${selector}')).color`);
    await page.evaluate(`document.body.insertAdjacentHTML('beforeend', '<span id="danger-probe" style="color: var(--danger)"></span>')`);
    expect(await colourOf('[data-testid="feed-error"]')).toBe(await colourOf('#danger-probe'));
    expect(await row('gone-dsa').locator('td').nth(2).textContent()).toBe('never');
    await page.screenshot({ path: join(repoRoot, 'dist', 'ui-advisory-feeds.png'), fullPage: true });
  });
});
