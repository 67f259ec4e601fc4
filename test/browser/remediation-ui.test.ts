// Remediation in a real headless Chromium (Debian's package, driven by playwright-core): on an advisory's page an
// admin marks two hosts patched in bulk by selecting a customer's hosts, sees the counts change and a report that
// contradicts a mark, removes a mark (and finds it, removed, in the history of marks with its changes), and
// compensates a customer's tag with a reason; reads a policy's windows in
// words and its next windows in its time zone and the viewer's, and creates one through the form (errors shown by
// their field); a host page names its policy. A customer user lands on the plain-words overview of its own hosts
// and sees states without any mark control. Outside CI it is skipped (loudly) when chromium is not installed.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { adminApi, ensureWebBuilt, haveChromium, launchChromium, signIn } from '../helpers/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/fixtures.js';
import { adminPassword, startTestServer, type TestServer } from '../helpers/server.js';

const viewer = { username: 'acme-viewer', password: 'acme viewer password' };
const advisoryId = 'DSA-9990-1';
const advisoryTitle = 'steward-demo - security update';
// Acme: two web hosts under no policy (open), two db hosts under an automatic policy (awaiting their window);
// Globex: one host (open), which Acme's user must never see.
const hosts = [
  { name: 'acme-web1', customer: 'Acme', tags: ['web'] },
  { name: 'acme-web2', customer: 'Acme', tags: ['web'] },
  { name: 'acme-db1', customer: 'Acme', tags: ['db'] },
  { name: 'acme-db2', customer: 'Acme', tags: ['db'] },
  { name: 'globex-app1', customer: 'Globex', tags: ['app'] },
];
const dsaList = [`[25 Nov 2026] ${advisoryId} steward-demo - security update`, '\t{CVE-2099-49990}', '\t[bookworm] - steward-demo 1.0-2', ''].join('\n');

/** How the UI writes a moment in a zone (web/src/remediation/timeText.ts): "Thu, 5 Mar 2026, 22:30". */
const wall = (iso: string, timeZone: string) => {
  const d = new Date(iso);
  const day = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(d);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
  return { day, time };
};

describe.skipIf(!haveChromium)('remediation UI in headless Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  const customerIds = new Map<string, number>();
  const hostIds = new Map<string, number>();
  let policyId: number;

  const asAdmin = adminApi(() => server.url);

  /** A host's report with the vulnerable version, as its agent would send it. */
  const report = (name: string) =>
    server.steward.inventory.ingest({
      host: { name, architecture: 'amd64', osId: 'debian', osVersion: '12', osCodename: 'bookworm' },
      packages: [
        { name: 'steward-demo', version: '1.0-1', source: 'steward-demo', sourceVersion: '1.0-1', arch: 'amd64' },
        { name: 'bash', version: '5.2.15-2+b2', source: 'bash', sourceVersion: '5.2.15-2', arch: 'amd64' },
      ],
    });

  beforeAll(async () => {
    // Built by `npm ci` (prepare) on CI; rebuilding here would empty dist/web under the other browser test's server.
    ensureWebBuilt();
    server = await startTestServer('sqlite');
    for (const name of ['Acme', 'Globex']) customerIds.set(name, (await server.steward.inventory.addCustomer(name, null, [])).id);
    await server.steward.auth.addUser({ ...viewer, role: 'customer', customerId: customerIds.get('Acme')! });
    const csv = ['name,customer,tags', ...hosts.map((h) => `${h.name},${h.customer},${h.tags.join('|')}`)].join('\n');
    expect(await asAdmin('POST', '/hosts/import', csv, 'text/csv')).toMatchObject({ status: 200, body: { created: 5 } });
    for (const h of hosts) await report(h.name);
    await server.steward.advisories.settle();
    const listed = (await asAdmin('GET', '/hosts?limit=50')).body as { items: { id: number; name: string }[] };
    for (const h of listed.items) hostIds.set(h.name, h.id);
    const imported = await asAdmin('POST', '/advisories/import?format=dsa-list', dsaList, 'text/plain');
    expect(imported).toMatchObject({ status: 200, body: { created: 1, opened: 5 } });

    const policy = await asAdmin(
      'POST',
      '/policies',
      JSON.stringify({
        name: 'weekly-db',
        mode: 'automatic',
        timeZone: 'Europe/Zurich',
        installs: 'security',
        patchWindow: { kind: 'weekly', days: ['mon', 'thu'], at: '22:30', minutes: 90 },
        rebootWindow: { kind: 'daily', at: '02:00', minutes: 120 },
        deadline: '1d',
      }),
    );
    expect(policy.status, JSON.stringify(policy.body)).toBe(201);
    policyId = (policy.body as { id: number }).id;
    expect((await asAdmin('POST', `/policies/${policyId}/assignments`, JSON.stringify({ customer: customerIds.get('Acme'), tag: 'db' }))).status).toBe(201);

    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.cleanup();
  });

  it('marks two hosts patched by customer selection, flags a contradiction, removes a mark, compensates a tag', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/advisories/${advisoryId}`);
    await signIn(page, adminPassword);

    const count = (status: string) => page.getByTestId(`count-${status}`);
    const row = (name: string) => page.getByTestId('report-host').filter({ has: page.getByRole('link', { name, exact: true }) });
    await expect.poll(() => count('open').textContent()).toBe('3 open');
    expect(await count('awaiting-window').textContent()).toBe('2 awaiting window');
    expect(await count('patched').textContent()).toBe('0 patched');
    await expect.poll(() => page.getByTestId('report-host').count()).toBe(5);
    expect(await row('acme-db1').getByTestId('host-status').textContent()).toBe('awaiting window');
    expect(await row('acme-db1').textContent()).toMatch(/until \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    const acme = page.getByTestId('report-customer').filter({ hasText: 'Acme' });
    await expect.poll(() => acme.getByTestId('report-policy').allTextContents()).toEqual([
      expect.stringMatching(/^Policy weekly-db automatic/),
      expect.stringContaining('No patching policy yet: patched by hand'),
    ]);

    // Narrow to Acme's web hosts and select them with the customer's select-all checkbox.
    await page.getByTestId('report-filter-customer').selectOption({ label: 'Acme' });
    await page.getByTestId('report-filter-tag').selectOption('web');
    await expect.poll(() => page.getByTestId('report-host').count()).toBe(2);
    await acme.getByTestId('select-customer').check();
    await expect.poll(() => page.getByTestId('bulk-count').textContent()).toBe('2 hosts selected');
    expect(await page.getByTestId('bulk-submit').textContent()).toBe('Mark patched (2 hosts)');
    await page.getByTestId('bulk-justification').fill('upgraded by hand in the maintenance of 25 November');
    await page.getByTestId('bulk-justification').press('Enter');

    await expect.poll(() => count('patched').textContent()).toBe('2 patched');
    expect(await count('open').textContent()).toBe('1 open');
    await expect.poll(() => page.getByTestId('mark-notice').textContent()).toBe('Marked 2 hosts patched.');
    expect(await page.getByTestId('bulk-count').textContent()).toBe('No host selected');
    expect(await row('acme-web1').getByTestId('host-status').textContent()).toBe('patched (provisional)');
    expect(await row('acme-web1').getByTestId('mark-note').textContent()).toMatch(/^“upgraded by hand in the maintenance of 25 November” — admin, (just now|\d+ seconds? ago)$/);

    // Keyboard: Space toggles a row's checkbox; Shift+click selects a range within a table.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => page.getByTestId('report-host').count()).toBe(5);
    await page.getByRole('checkbox', { name: 'Select globex-app1' }).focus();
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('bulk-count').textContent()).toBe('1 host selected');
    await page.getByRole('checkbox', { name: 'Select acme-db1' }).click();
    await page.getByRole('checkbox', { name: 'Select acme-db2' }).click({ modifiers: ['Shift'] });
    await expect.poll(() => page.getByTestId('bulk-count').textContent()).toBe('3 hosts selected');
    await page.getByTestId('select-none').click();
    await expect.poll(() => page.getByTestId('bulk-count').textContent()).toBe('No host selected');

    // A report after the mark that still shows the vulnerable version contradicts it, in plain sight.
    await report('acme-web1');
    await server.steward.advisories.settle();
    await page.reload();
    await row('acme-web1').getByTestId('contradiction').waitFor();
    expect(await row('acme-web1').getByTestId('contradiction').textContent()).toBe('Contradiction: a report after the mark still shows the vulnerable version.');
    expect(await row('acme-web2').getByTestId('contradiction').count()).toBe(0);

    // Removing a mark asks first, and says whom it covers.
    await row('acme-web2').getByTestId('mark-remove').click();
    expect(await row('acme-web2').getByTestId('mark-remove-confirm').textContent()).toBe('Remove “patched” of acme-web2');
    await row('acme-web2').getByTestId('mark-remove-confirm').click();
    await expect.poll(() => count('patched').textContent()).toBe('1 patched');
    expect(await count('open').textContent()).toBe('2 open');
    const audit = (await asAdmin('GET', `/remediation/marks?advisory=${advisoryId}&includeRemoved=true`)).body as { items: { host_id: number; removed_by: string | null }[] };
    expect(audit.items.find((m) => m.host_id === hostIds.get('acme-web2'))?.removed_by).toBe('admin');

    // The history of marks, fetched once opened (by keyboard): the removed mark stays, saying who removed it.
    const historyRequests: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/v1/remediation/marks') && url.searchParams.get('includeRemoved') === 'true') historyRequests.push(url.search);
    });
    const history = page.getByTestId('marks-history');
    expect(await history.getAttribute('open')).toBeNull();
    await history.locator('summary').focus();
    await page.keyboard.press('Enter');
    const historyMarks = history.getByTestId('history-mark');
    await expect.poll(() => historyMarks.count()).toBe(2);
    expect(await history.getByTestId('marks-history-summary').textContent()).toBe('2 marks, 1 of them removed; newest first.');
    expect((await history.getByTestId('history-mark-covers').allTextContents()).sort()).toEqual(['acme-web1', 'acme-web2']);
    const removedMark = historyMarks.filter({ has: page.getByTestId('history-mark-covers').getByText('acme-web2', { exact: true }) });
    expect(await removedMark.getByTestId('history-mark-removed').textContent()).toMatch(/^removed by admin, (just now|\d+ seconds? ago)$/);
    expect(await removedMark.getByTestId('history-mark-justification').textContent()).toBe('upgraded by hand in the maintenance of 25 November');
    expect(await removedMark.getByTestId('history-mark-made').textContent()).toMatch(/^admin, /);
    expect(await removedMark.locator('tr').first().getAttribute('class')).toBe('mark-removed');
    const keptMark = historyMarks.filter({ has: page.getByTestId('history-mark-covers').getByText('acme-web1', { exact: true }) });
    expect(await keptMark.getByTestId('history-mark-removed').textContent()).toBe('no');
    // Its changes, fetched once: made and removed, both by admin.
    const toggle = removedMark.getByTestId('mark-audit-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    const auditResponse = page.waitForResponse((r) => /\/api\/v1\/remediation\/marks\/\d+\/audit$/.test(new URL(r.url()).pathname));
    await toggle.click();
    expect((await auditResponse).status()).toBe(200);
    const auditEntries = removedMark.getByTestId('mark-audit-entry');
    await expect.poll(() => auditEntries.count()).toBe(2);
    expect(await auditEntries.allTextContents()).toEqual([
      expect.stringMatching(/^created by admin, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(.+\) — patched, “upgraded by hand in the maintenance of 25 November”$/),
      expect.stringMatching(/^removed by admin, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(.+\)$/),
    ]);
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await toggle.textContent()).toBe('Hide changes');
    await toggle.click();
    expect(await auditEntries.count()).toBe(0);
    // Closed and opened again, neither the history nor the changes are fetched again.
    const auditRequests: string[] = [];
    page.on('request', (r) => {
      if (/\/audit$/.test(new URL(r.url()).pathname)) auditRequests.push(r.url());
    });
    await toggle.click();
    await expect.poll(() => auditEntries.count()).toBe(2);
    await history.locator('summary').click();
    await history.locator('summary').click();
    await expect.poll(() => historyMarks.count()).toBe(2);
    expect(historyRequests).toEqual([`?advisory=${advisoryId}&includeRemoved=true`]);
    expect(auditRequests).toEqual([]);

    // A customer's tag, compensated with a reason and an expiry.
    await page.getByTestId('customer-mark-details').locator('summary').click();
    await page.getByTestId('customer-mark-customer').selectOption({ label: 'Acme' });
    await page.getByTestId('customer-mark-tag').selectOption('db');
    expect(await page.getByTestId('customer-mark-state').inputValue()).toBe('compensated');
    await page.getByTestId('customer-mark-justification').fill('the database listens on the admin network only');
    await page.getByTestId('customer-mark-expires').fill('2099-12-31');
    await page.getByTestId('customer-mark-submit').click();

    await expect.poll(() => count('compensated').textContent()).toBe('2 compensated');
    expect(await count('awaiting-window').textContent()).toBe('0 awaiting window');
    await expect.poll(() => page.getByTestId('mark-notice').textContent()).toBe('Marked every host of Acme tagged db compensated.');
    expect(await row('acme-db1').getByTestId('host-status').textContent()).toBe('compensated');
    await expect.poll(() => row('acme-db2').getByTestId('mark-note').textContent()).toMatch(/^“the database listens on the admin network only” — admin, .*, until (2099-12-31|2100-01-01) \d\d:\d\d UTC \(every host of Acme tagged db\)$/);
    const wide = page.getByTestId('wide-mark');
    await expect.poll(() => wide.count()).toBe(1);
    expect(await wide.locator('th').textContent()).toBe('every host of Acme tagged db');
    // The opened history follows: the new mark comes first.
    await expect.poll(() => historyMarks.count()).toBe(3);
    expect(await history.getByTestId('history-mark-covers').first().textContent()).toBe('every host of Acme tagged db');
    await page.screenshot({ path: join(repoRoot, 'dist', 'ui-remediation-advisory.png'), fullPage: true });
  });

  it('shows policies in words, a policy’s next windows in its zone and the viewer’s, and checks the form', async () => {
    const context = await browser.newContext({ timezoneId: 'America/New_York' });
    const page = await context.newPage();
    await page.goto(`${server.url}/policies`);
    await signIn(page, adminPassword);

    const policyRow = page.getByTestId('policy-row').filter({ hasText: 'weekly-db' });
    await policyRow.waitFor();
    await page.screenshot({ path: join(repoRoot, 'dist', 'ui-policies.png'), fullPage: true });
    expect(await policyRow.getByTestId('policy-row-patch').textContent()).toBe('Mon and Thu at 22:30 for 90 min, Europe/Zurich');
    expect(await policyRow.getByTestId('policy-row-reboot').textContent()).toBe('daily at 02:00 for 2 h, Europe/Zurich');
    expect(await policyRow.locator('td').allTextContents()).toEqual([
      'automatic',
      'Mon and Thu at 22:30 for 90 min, Europe/Zurich',
      'daily at 02:00 for 2 h, Europe/Zurich',
      'security updates only',
      '1 day after the patch window ends',
      'Acme, tag db',
    ]);
    await policyRow.getByRole('link', { name: 'weekly-db' }).click();

    await expect.poll(() => page.getByTestId('policy-name').textContent()).toBe('weekly-db automatic');
    const detail = (await asAdmin('GET', `/policies/${policyId}?windows=5`)).body as { upcoming: { patch: { start: string; end: string }[] } };
    const first = detail.upcoming.patch[0]!;
    const windows = page.getByTestId('upcoming-patch').getByTestId('upcoming-window');
    await expect.poll(() => windows.count()).toBe(5);
    const zurich = wall(first.start, 'Europe/Zurich');
    expect(await windows.first().getByTestId('window-policy-time').textContent()).toBe(`${zurich.day}, 22:30–00:00 Europe/Zurich`);
    expect(zurich.day).toMatch(/^(Mon|Thu), /);
    const ny = wall(first.start, 'America/New_York');
    const nyEnd = wall(first.end, 'America/New_York');
    expect(await windows.first().getByTestId('window-viewer-time').textContent()).toBe(` (${ny.day}, ${ny.time}–${nyEnd.time} your time, America/New_York)`);
    expect(await page.getByTestId('upcoming-reboot').getByTestId('window-policy-time').first().textContent()).toMatch(/, 02:00–04:00 Europe\/Zurich$/);
    await page.screenshot({ path: join(repoRoot, 'dist', 'ui-policy-page.png'), fullPage: true });
    // Deleting an assigned policy is refused by the server, which says to whom it is assigned.
    await page.getByTestId('policy-delete').click();
    await page.getByTestId('policy-delete-confirm').click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('policy weekly-db is still assigned to customer Acme tag db: unassign it first');

    // A new policy: the server's errors appear beside the field they name.
    await page.getByRole('link', { name: '← Patching policies' }).click();
    await page.getByTestId('policy-new').click();
    const fieldError = (testId: string) => page.getByTestId('policy-form').locator(`label:has([data-testid="${testId}"]) [data-testid="field-error"]`);
    await page.getByTestId('policy-name-input').fill('globex manual!');
    await page.getByTestId('policy-submit').click();
    await expect.poll(() => fieldError('policy-name-input').textContent()).toMatch(/^name: 1 to 100 letters/);
    expect(await page.getByTestId('policy-name-input').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('policy-name-input').fill('globex-manual');
    await page.getByTestId('policy-mode').selectOption('manual');
    await page.getByTestId('policy-timezone').fill('Mars/Olympus');
    await page.getByTestId('policy-submit').click();
    await expect.poll(() => fieldError('policy-timezone').textContent()).toContain('unknown time zone "Mars/Olympus"');
    expect(await fieldError('policy-name-input').count()).toBe(0);
    await page.screenshot({ path: join(repoRoot, 'dist', 'ui-policy-form.png'), fullPage: true });
    await page.getByTestId('policy-timezone').fill('Europe/Berlin');
    await page.getByTestId('patchWindow-kind').selectOption('weekly');
    await page.getByTestId('patchWindow-day-thu').check();
    await page.getByTestId('patchWindow-at').fill('21:00');
    await page.getByTestId('patchWindow-length').fill('90');
    await page.getByTestId('patchWindow-unit').selectOption('min');
    await page.getByTestId('rebootWindow-kind').selectOption('');
    expect(await page.getByTestId('policy-preview').textContent()).toBe('Patch Mon and Thu at 21:00 for 90 min, Europe/Berlin; reboot none.');
    await page.getByTestId('policy-deadline').press('Enter');

    await expect.poll(() => page.getByTestId('policy-name').textContent()).toBe('globex-manual manual');
    expect(await page.getByTestId('policy-patch-window').textContent()).toBe('Mon and Thu at 21:00 for 90 min, Europe/Berlin');
    expect(await page.getByTestId('policy-reboot-window').textContent()).toBe('none');
    // Edited: the whole definition goes back, the form starts from what is stored.
    await page.getByTestId('policy-edit').click();
    expect(await page.getByTestId('patchWindow-length').inputValue()).toBe('90');
    await page.getByTestId('patchWindow-length').fill('2');
    await page.getByTestId('patchWindow-unit').selectOption('h');
    await page.getByTestId('policy-submit').click();
    await expect.poll(() => page.getByTestId('policy-patch-window').textContent()).toBe('Mon and Thu at 21:00 for 2 h, Europe/Berlin');
    await page.getByTestId('assign-customer').selectOption({ label: 'Globex' });
    await page.getByTestId('assign-submit').click();
    await expect.poll(() => page.getByTestId('policy-assignment').allTextContents()).toEqual([expect.stringContaining('every host of Globex')]);
    // Acme's db hosts follow weekly-db already: the server's refusal is shown.
    await page.getByTestId('assign-customer').selectOption({ label: 'Acme' });
    await page.getByTestId('assign-tag').selectOption('db');
    await page.getByTestId('assign-submit').click();
    await expect.poll(() => page.getByTestId('assign-form').getByRole('alert').textContent()).toBe('customer Acme tag db already follows policy weekly-db: unassign it first');

    // A host page says its policy, through which assignment, and its next windows; another that it has none.
    await page.goto(`${server.url}/hosts/${hostIds.get('acme-db1')}`);
    await expect.poll(() => page.getByTestId('host-policy-name').textContent()).toBe('weekly-db (automatic, security updates only)');
    expect(await page.getByTestId('host-policy-via').textContent()).toBe('it is tagged db at Acme');
    expect(await page.getByTestId('host-next-patch').getByTestId('window-policy-time').textContent()).toMatch(/^(Mon|Thu), .* 22:30–00:00 Europe\/Zurich$/);
    expect(await page.getByTestId('host-next-reboot').getByTestId('window-viewer-time').textContent()).toContain('your time, America/New_York');
    await page.goto(`${server.url}/hosts/${hostIds.get('acme-web1')}`);
    await expect.poll(() => page.getByTestId('host-policy-none').textContent()).toBe('No policy: patched by hand.');
    await context.close();
  });

  it('lands a customer user on a plain-words overview of its own hosts, with states but no mark controls', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await signIn(page, viewer.password, viewer.username);

    await page.getByTestId('customer-overview').waitFor();
    expect(new URL(page.url()).pathname).toBe('/overview');
    await expect.poll(() => page.getByTestId('overview-title').textContent()).toBe('Security overview: Acme');
    expect(await page.getByTestId('overview-summary').textContent()).toMatch(/^You have 4 servers\. 1 security advisory still affects 2 of them\./);

    const risk = page.getByTestId('overview-advisory');
    await expect.poll(() => risk.count()).toBe(1);
    expect(await risk.textContent()).toContain(advisoryTitle);
    // acme-web1's mark is contradicted by its report: still at risk, said plainly.
    expect(await risk.getByTestId('overview-advisory-risk').textContent()).toBe('Affects 2 of your servers: 1 not fixed yet, 1 reported as fixed but still showing the old version.');
    await risk.getByText('Which servers').click();
    const names = (await risk.getByTestId('overview-host').allTextContents()).map((t) => t.split(':')[0]).sort();
    expect(names).toEqual(['acme-db1', 'acme-db2', 'acme-web1', 'acme-web2']);
    expect(await risk.getByTestId('overview-host').filter({ hasText: 'acme-db1' }).textContent()).toBe('acme-db1: protected by other means');

    const schedule = page.getByTestId('overview-policy');
    await expect.poll(() => schedule.allTextContents()).toEqual([expect.stringMatching(/^weekly-db: installs security updates on its own on 2 servers \(acme-db1, acme-db2\)\./)]);
    expect(await schedule.getByTestId('overview-next-patch').textContent()).toMatch(/22:30–00:00 Europe\/Zurich/);
    expect(await page.getByTestId('overview-no-policy').textContent()).toBe('2 servers have no patching schedule: they are updated by hand.');

    const done = await page.getByTestId('overview-done-entry').allTextContents();
    expect(done.some((d) => d.includes('marked as fixed by hand on acme-web1 by admin'))).toBe(true);
    expect(done.join('\n')).not.toContain('globex');
    expect(await page.getByTestId('customer-overview').textContent()).not.toContain('globex');

    const csv = await page.request.get(new URL((await page.getByTestId('overview-csv').getAttribute('href'))!, server.url).href);
    expect(csv.status()).toBe(200);
    const csvText = await csv.text();
    expect(csvText).toContain('acme-web1');
    expect(csvText).not.toContain('globex');
    await page.screenshot({ path: join(repoRoot, 'dist', 'ui-customer-overview.png'), fullPage: true });

    // The advisory's page: the states, the marks' reasons, and no control to change them.
    await page.goto(`${server.url}/advisories/${advisoryId}`);
    await expect.poll(() => page.getByTestId('report-host').count()).toBe(4);
    expect(await page.getByTestId('report-host').filter({ hasText: 'globex' }).count()).toBe(0);
    expect(await page.getByTestId('count-compensated').textContent()).toBe('2 compensated');
    expect(await page.getByTestId('report-host').getByTestId('mark-note').count()).toBeGreaterThan(0);
    for (const control of ['report-host-select', 'bulk-mark', 'customer-mark-details', 'mark-remove', 'select-customer', 'select-policy']) {
      expect(await page.getByTestId(control).count(), control).toBe(0);
    }
    expect(await page.getByTestId('wide-mark').getByRole('button').count()).toBe(0);
    // The history of its own customer's marks, and their changes, readable too.
    await page.getByTestId('marks-history').locator('summary').click();
    await expect.poll(() => page.getByTestId('history-mark').count()).toBe(3);
    const tagMark = page.getByTestId('history-mark').first();
    await tagMark.getByTestId('mark-audit-toggle').click();
    await expect.poll(() => tagMark.getByTestId('mark-audit-entry').allTextContents()).toEqual([expect.stringMatching(/^created by admin, .* — compensated, “the database listens on the admin network only”, until/)]);
    // Policies read-only.
    await page.getByTestId('nav').getByRole('link', { name: 'Policies' }).click();
    await page.getByTestId('policy-row').first().waitFor();
    expect(await page.getByTestId('policy-row').allTextContents()).toEqual([expect.stringContaining('weekly-db')]);
    expect(await page.getByTestId('policy-new').count()).toBe(0);
  });

  it('selects and marks 1,000 hosts at once: no request per row, one mark, the report fetched once again', async () => {
    const bulkAdvisory = 'DSA-9991-1';
    const names = Array.from({ length: 1000 }, (_, i) => `initech-${String(i).padStart(4, '0')}`);
    expect((await asAdmin('POST', '/customers', JSON.stringify({ name: 'Initech' }))).status).toBe(201);
    const csv = ['name,customer,tags', ...names.map((n, i) => `${n},Initech,${i % 2 ? 'odd' : 'even'}`)].join('\n');
    expect(await asAdmin('POST', '/hosts/import', csv, 'text/csv')).toMatchObject({ status: 200, body: { created: 1000 } });
    for (const name of names) {
      await server.steward.inventory.ingest({
        host: { name, architecture: 'amd64', osId: 'debian', osVersion: '12', osCodename: 'bookworm' },
        packages: [{ name: 'steward-bulk', version: '2.0-1', source: 'steward-bulk', sourceVersion: '2.0-1', arch: 'amd64' }],
      });
    }
    await server.steward.advisories.settle();
    const list = [`[26 Nov 2026] ${bulkAdvisory} steward-bulk - security update`, '\t{CVE-2099-49991}', '\t[bookworm] - steward-bulk 2.0-2', ''].join('\n');
    expect(await asAdmin('POST', '/advisories/import?format=dsa-list', list, 'text/plain')).toMatchObject({ status: 200, body: { created: 1, opened: 1000 } });

    const page = await browser.newPage();
    await page.goto(`${server.url}/advisories/${bulkAdvisory}`);
    await signIn(page, adminPassword);
    await expect.poll(() => page.getByTestId('count-open').textContent(), { timeout: 20_000 }).toBe('1000 open');
    // Rows come a hundred at a time.
    expect(await page.getByTestId('report-host').count()).toBe(100);

    const api: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/')) api.push(`${r.method()} ${url.pathname}`);
    });
    const started = Date.now();
    await page.getByTestId('report-filter-tag').selectOption('odd');
    await expect.poll(() => page.getByTestId('select-shown').textContent()).toBe('Select the 500 hosts shown');
    await page.getByTestId('select-shown').click();
    await expect.poll(() => page.getByTestId('bulk-count').textContent()).toBe('500 hosts selected');
    await page.getByTestId('report-filter-tag').selectOption('');
    await page.getByTestId('select-customer').check();
    await expect.poll(() => page.getByTestId('bulk-count').textContent()).toBe('1000 hosts selected');
    const selecting = Date.now() - started;
    expect(api, 'selecting asks the server nothing').toEqual([]);

    await page.getByTestId('bulk-justification').fill('fleet-wide upgrade on 26 November');
    await page.getByTestId('bulk-justification').press('Enter');
    await expect.poll(() => page.getByTestId('count-patched').textContent(), { timeout: 20_000 }).toBe('1000 patched');
    expect(await page.getByTestId('count-open').textContent()).toBe('0 open');
    // The report once again, and the two short lists of wide marks (customers', customer tags').
    expect(api.sort()).toEqual([`GET /api/v1/advisories/${bulkAdvisory}/report`, 'GET /api/v1/remediation/marks', 'GET /api/v1/remediation/marks', 'POST /api/v1/remediation/marks']);
    console.log(`1,000 hosts: selected in ${selecting} ms, marked and shown again in ${Date.now() - started - selecting} ms`);
  }, 120_000);

  it('lets staff open any customer’s overview from the hosts list', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/hosts?customer=${customerIds.get('Globex')}`);
    await signIn(page, adminPassword);
    await page.getByTestId('hosts-customer-overview').click();
    await expect.poll(() => page.getByTestId('overview-title').textContent()).toBe('Security overview: Globex');
    expect(await page.getByTestId('overview-advisory').getByTestId('overview-advisory-risk').textContent()).toBe('Affects 1 of your servers: 1 not fixed yet.');
  });
});
