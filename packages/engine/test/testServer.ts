import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Set when the client went away before an answer (an aborted call). */
  aborted: boolean;
}

export interface TestServer {
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

/** A local HTTP server on 127.0.0.1 whose routes are plain handlers; it records every request. */
export async function testServer(
  routes: Record<string, (req: SeenRequest, res: ServerResponse) => void>,
): Promise<TestServer> {
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      const record: SeenRequest = { url: req.url ?? '', headers: req.headers, body, aborted: false };
      seen.push(record);
      res.on('close', () => {
        if (!res.writableFinished) record.aborted = true;
      });
      const route = routes[(req.url ?? '').split('?')[0] as string];
      if (route) route(record, res);
      else res.writeHead(404).end('no such route');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Wait until a condition holds (a server noticing a closed connection takes a moment). */
export async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition never held');
    await new Promise((r) => setTimeout(r, 10));
  }
}
