// The UI in a real headless Chromium (Debian's package, driven by playwright-core): sign in, find the host the
// agent reported, open its page; find the apps that reported their versions, follow one to the host it runs on.
// Outside CI it is skipped (loudly) when chromium is not installed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/fixtures.js';
import { adminPassword, startTestServer, type TestServer } from '../helpers/server.js';

const chromiumPath = '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
if (!haveChromium) {
  if (process.env.CI) throw new Error(`${chromiumPath} is required under CI (apt-get install chromium)`);
  console.warn(`SKIPPING browser test: ${chromiumPath} not installed; CI runs it`);
}

async function signIn(page: Page, password: string): Promise<void> {
  await page.getByTestId('login-username').fill('admin');
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

describe.skipIf(!haveChromium)('web UI in headless Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  /** An app version update as Partisci clients send it, over real HTTP (anonymous, the default). */
  const sendUpdate = async (update: { app: string; ver: string; host: string; instance: number }) => {
    const res = await fetch(`${server.url}/api/v1/update/`, { method: 'POST', body: JSON.stringify(update) });
    expect(res.status, await res.text()).toBe(200);
  };

  beforeAll(async () => {
    if (!existsSync(join(repoRoot, 'dist/web/index.html'))) execFileSync('npm', ['run', 'build:web'], { cwd: repoRoot, stdio: 'ignore' });
    server = await startTestServer('sqlite');
    const token = await runCli(['token', 'create', '--name', 'ui test', '--database', server.steward.config.databaseUrl]);
    const state = join(mkdtempSync(join(tmpdir(), 'steward-ui-')), 'agent-state.json');
    const reported = await runCli(['agent', 'report', '--server', server.url, '--token', token.stdout.trim(), '--state', state]);
    expect(reported.code, reported.stderr).toBe(0);
    // This machine and web-8 run Billing API 2.1.0; web-9 runs 2.0.3 and another app. Only this machine is an
    // inventory host (the agent reported it under its hostname).
    await sendUpdate({ app: 'Billing API', ver: '2.1.0', host: hostname(), instance: 0 });
    await sendUpdate({ app: 'Billing API', ver: '2.1.0', host: 'web-8', instance: 0 });
    await sendUpdate({ app: 'Billing API', ver: '2.0.3', host: 'web-9', instance: 0 });
    await sendUpdate({ app: 'Cron Runner', ver: '0.4.1', host: 'web-9', instance: 0 });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
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
});
