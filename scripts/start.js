#!/usr/bin/env node
// `npm start`: builds Steward when the build is missing or older than the sources, then serves it on the
// embedded default (http://127.0.0.1:8080, SQLite in ./data). Extra arguments go to `steward serve`.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
    const p = join(dir, e.name);
    return Math.max(max, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }, 0);
const built = (out, src) => existsSync(out) && newest(out) >= newest(src);

if (!built(join(root, 'dist/server'), join(root, 'src')) || !built(join(root, 'dist/web'), join(root, 'web'))) {
  console.log('building Steward…');
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}
const child = spawn(process.execPath, [join(root, 'bin/steward.js'), 'serve', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 1));
