// A load generator in its own process, so the server under test has its event loop to itself: autocannon with N
// connections for D seconds on a list of paths taken in turn, printing one JSON line with the latency percentiles
// (p95 from every response time, which autocannon's own summary does not give) and the count of non-2xx answers.
//   node --import tsx bench/load-client.ts '{"url":"http://127.0.0.1:1234","paths":["/a"],"connections":20,"seconds":10}'
// The bearer token comes in BENCH_TOKEN (never on the command line).
import autocannon from 'autocannon';

interface Load {
  url: string;
  paths: string[];
  connections: number;
  seconds: number;
}

const load = JSON.parse(process.argv[2]!) as Load;
let next = 0;
const times: number[] = [];
const result = await new Promise<autocannon.Result>((resolve, reject) => {
  const instance = autocannon(
    {
      url: load.url,
      connections: load.connections,
      duration: load.seconds,
      headers: { authorization: `Bearer ${process.env.BENCH_TOKEN}` },
      requests: [{ setupRequest: (request) => ({ ...request, path: load.paths[next++ % load.paths.length]! }) }],
    },
    (err, r) => (err ? reject(err) : resolve(r)),
  );
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => times.push(ms));
});
times.sort((a, b) => a - b);
const at = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? null;
console.log(JSON.stringify({ requests: times.length, perSecond: result.requests.average, p50: at(50), p95: at(95), p99: at(99), max: at(100), non2xx: result.non2xx, errors: result.errors }));
