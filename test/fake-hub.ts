// A local stand-in for the Hugging Face hub, speaking its resolve/ URL layout over real HTTP, so the
// model-download code runs unchanged. Modes let tests break the download the ways networks do.
import { createServer, type Server } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

/** `stall`: accepts requests and never answers; `stall-body`: answers, sends half the weights, then goes quiet. */
export type HubMode = 'ok' | 'cut-midway' | 'stall' | 'stall-body' | 'not-found';

export interface FakeHub {
  url: string;
  requests: string[];
  mode: HubMode;
  close(): Promise<void>;
}

export async function startFakeHub(modelsRoot: string): Promise<FakeHub> {
  const hub: FakeHub = { url: '', requests: [], mode: 'ok', close: async () => {} };
  const server: Server = createServer((req, res) => {
    hub.requests.push(req.url ?? '');
    const m = /^\/(.+?)\/resolve\/([^/]+)\/(.+)$/.exec(decodeURIComponent(req.url ?? ''));
    const file = m ? join(modelsRoot, m[1]!, m[3]!) : '';
    if (hub.mode === 'not-found' || !m || !existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Entry not found');
      return;
    }
    if (hub.mode === 'stall') return; // accept the request, never answer
    const body = readFileSync(file);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) });
    if (hub.mode === 'stall-body' && file.endsWith('.onnx')) {
      res.write(body.subarray(0, Math.floor(body.length / 2)));
      return; // keep the connection open, send nothing more
    }
    if (hub.mode === 'cut-midway' && file.endsWith('.onnx')) {
      res.write(body.subarray(0, Math.floor(body.length / 2)));
      setTimeout(() => res.destroy(), 20);
      return;
    }
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  hub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  hub.close = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return hub;
}
