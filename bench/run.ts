// `npm run bench -- <name>`: runs one benchmark. With BENCH_SMOKE=1 each finishes in well under a minute
// (CI runs them that way, to prove they still work; their figures then mean nothing).
const benches: Record<string, () => Promise<{ main(): Promise<void> }>> = {
  inventory: () => import('./inventory.js'),
  'udp-ingest': () => import('./udp-ingest.js'),
  matching: () => import('./matching.js'),
  reports: () => import('./reports.js'),
};

const name = process.argv[2];
const load = name ? benches[name] : undefined;
if (!load) {
  console.error(`usage: npm run bench -- <name>; known: ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}
await (await load()).main();
