// `steward serve --workers 2`: two processes answer on one port, and both stop on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, it } from 'vitest';
import { repoRoot } from '../helpers/fixtures.js';
import { cliCommand } from '../helpers/cli-entry.js';

it('serves from several worker processes on one port and stops them all on SIGTERM', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'steward-workers-'));
  const child = spawn(process.execPath, [...cliCommand(), 'serve', '--workers', '2', '--port', '0', '--partisci-port', '0', '--data', dir, '--log-level', 'warn'], {
    cwd: repoRoot,
    env: { ...process.env, STEWARD_ADMIN_PASSWORD: 'workers test password' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  try {
    let url: string | undefined;
    for await (const line of createInterface({ input: child.stdout })) {
      url = /running at (http:\/\/\S+) \(2 worker processes\)/.exec(line)?.[1];
      if (url) break;
    }
    expect(url).toBeDefined();
    const pids = new Set<number>();
    for (let i = 0; i < 40 && pids.size < 2; i++) {
      const res = await fetch(`${url}/api/v1/health`, { headers: { connection: 'close' } });
      pids.add(((await res.json()) as { pid: number }).pid);
    }
    expect(pids.size).toBe(2);
    expect(pids.has(child.pid!)).toBe(false);
  } finally {
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  }
});
