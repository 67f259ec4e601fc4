// The Debian and Ubuntu feed servers cannot be reached from tests: this local HTTP server answers the way their web
// servers do for a static feed file — ETag and Last-Modified on a 200, 304 Not Modified to a conditional GET that
// names the current version (If-None-Match first; If-Modified-Since only without it, as RFC 9110 says) — and can
// also fail the ways a feed server fails: an error status, no answer at all, or a body that stops halfway.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

type Mode =
  | { kind: 'serve'; body: string; etag?: string; lastModified?: string }
  | { kind: 'fail'; status: number }
  | { kind: 'hang' }
  | { kind: 'stall'; partial: string };

export interface FeedServer {
  /** http://127.0.0.1:<port>; any path answers the same. */
  url: string;
  /** Every request received, in order, with its headers. */
  requests: { path: string; headers: IncomingHttpHeaders }[];
  serve(body: string, validators?: { etag?: string; lastModified?: string }): void;
  fail(status: number): void;
  /** Accept connections and never answer. */
  hang(): void;
  /** Answer 200 and send `partial`, then nothing more. */
  stall(partial: string): void;
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  let mode: Mode = { kind: 'fail', status: 404 };
  const requests: FeedServer['requests'] = [];
  const server = createServer((req, res) => {
    requests.push({ path: req.url ?? '', headers: req.headers });
    const m = mode;
    if (m.kind === 'hang') return;
    if (m.kind === 'fail') return void res.writeHead(m.status).end('failure');
    if (m.kind === 'stall') return void res.writeHead(200, { 'content-type': 'text/plain' }).write(m.partial);
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    const notModified = inm !== undefined ? m.etag !== undefined && inm === m.etag : ims !== undefined && m.lastModified !== undefined && Date.parse(ims) >= Date.parse(m.lastModified);
    const validators = { ...(m.etag ? { etag: m.etag } : {}), ...(m.lastModified ? { 'last-modified': m.lastModified } : {}) };
    if (notModified) return void res.writeHead(304, validators).end();
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(m.body), ...validators }).end(m.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    serve: (body, validators = {}) => void (mode = { kind: 'serve', body, ...validators }),
    fail: (status) => void (mode = { kind: 'fail', status }),
    hang: () => void (mode = { kind: 'hang' }),
    stall: (partial) => void (mode = { kind: 'stall', partial }),
    close: () =>
      new Promise<void>((resolve) => {
        // Hanging and stalled answers hold their sockets open: close them, or close() waits for ever.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
