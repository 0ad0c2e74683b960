import { request as httpRequest } from 'node:http';
import { parseRunEventJson, type RunEvent } from '@baton/core';

export interface SseClient {
  events: RunEvent[];
  /** Resolves when the server ends the stream (`event: end`) or the connection closes. */
  ended: Promise<void>;
  /** Drop the connection, as a flaky network would. */
  disconnect(): void;
}

/** A minimal EventSource over node:http: collects `data:` events, honours `Last-Event-ID`. */
export function openEventStream(
  url: string,
  options: { lastEventId?: number; onEvent?: (e: RunEvent, client: SseClient) => void } = {},
): SseClient {
  const events: RunEvent[] = [];
  let disconnect = () => {};
  let dropped = false;
  const client: SseClient = { events, ended: Promise.resolve(), disconnect: () => disconnect() };
  client.ended = new Promise<void>((resolve, reject) => {
    const req = httpRequest(
      url,
      { headers: options.lastEventId !== undefined ? { 'Last-Event-ID': String(options.lastEventId) } : {} },
      (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`event stream answered ${res.statusCode}`));
          return;
        }
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let cut = buffer.indexOf('\n\n');
          while (cut >= 0 && !dropped) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const data = block
              .split('\n')
              .filter((l) => l.startsWith('data: '))
              .map((l) => l.slice(6))
              .join('\n');
            const isEnd = block.split('\n').includes('event: end');
            if (data && !isEnd) {
              const event = parseRunEventJson(data); // the browser's guard: what it reads must pass
              events.push(event);
              options.onEvent?.(event, client);
            }
            cut = buffer.indexOf('\n\n');
          }
        });
        res.on('end', () => resolve());
        res.on('close', () => resolve());
        res.on('error', () => resolve());
      },
    );
    disconnect = () => {
      dropped = true; // what already arrived in this chunk is lost with the connection
      req.destroy();
    };
    req.on('error', (err) =>
      (err as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(err),
    );
    req.end();
  });
  return client;
}
