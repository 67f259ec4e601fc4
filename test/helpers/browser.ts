// What the browser tests share: Debian's chromium (required under CI, else skipped loudly), the built UI, signing in
// through the login form, and API calls as the admin over real HTTP.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { repoRoot } from './fixtures.js';
import { adminPassword } from './server.js';

const chromiumPath = '/usr/bin/chromium';
export const haveChromium = existsSync(chromiumPath);
if (!haveChromium) {
  if (process.env.CI) throw new Error(`${chromiumPath} is required under CI (apt-get install chromium)`);
  console.warn(`SKIPPING browser test: ${chromiumPath} not installed; CI runs it`);
}

/** Builds the UI when there is none (npm ci builds it; a fresh checkout that skipped it may not have it). */
export function ensureWebBuilt(): void {
  if (!existsSync(join(repoRoot, 'dist/web/index.html'))) execFileSync('npm', ['run', 'build:web'], { cwd: repoRoot, stdio: 'ignore' });
}

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });

export async function signIn(page: Page, password: string, username = 'admin'): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Requests to the API of the server at `url()` as the admin, signed in once. */
export function adminApi(url: () => string) {
  let cookie: string | undefined;
  return async (method: string, path: string, body?: string, contentType = 'application/json') => {
    if (!cookie) {
      const login = await fetch(`${url()}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: adminPassword }),
      });
      expect(login.status).toBe(200);
      cookie = login.headers.getSetCookie().find((c) => c.startsWith('steward_session='))!.split(';')[0]!;
    }
    const res = await fetch(`${url()}/api/v1${path}`, { method, headers: { cookie, ...(body === undefined ? {} : { 'Content-Type': contentType }) }, body });
    return { status: res.status, body: (await res.json().catch(() => undefined)) as unknown };
  };
}
