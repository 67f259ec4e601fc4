// The UI in a real headless Chromium (Debian's package, driven by playwright-core): sign in, find the host the
// agent reported, open its page. Outside CI it is skipped (loudly) when chromium is not installed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
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

describe.skipIf(!haveChromium)('web UI in headless Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(join(repoRoot, 'dist/web/index.html'))) execFileSync('npm', ['run', 'build:web'], { cwd: repoRoot, stdio: 'ignore' });
    server = await startTestServer('sqlite');
    const token = await runCli(['token', 'create', '--name', 'ui test', '--database', server.steward.config.databaseUrl]);
    const state = join(mkdtempSync(join(tmpdir(), 'steward-ui-')), 'agent-state.json');
    const reported = await runCli(['agent', 'report', '--server', server.url, '--token', token.stdout.trim(), '--state', state]);
    expect(reported.code, reported.stderr).toBe(0);
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
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('wrong password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByText('wrong username or password').count()).toBe(1);
    await page.getByTestId('login-password').fill(adminPassword);
    await page.getByTestId('login-submit').click();

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
});
