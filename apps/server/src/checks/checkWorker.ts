import { parentPort } from 'node:worker_threads';
import { type CheckContext, checkYamlText, type YamlCheck } from './checkYamlText.js';

/** A request to the worker: one file to check, and the registry to check it against. */
export interface CheckRequest {
  id: number;
  input: string | Uint8Array;
  context: CheckContext;
}

export type CheckReply = { ready: true } | { id: number; check: YamlCheck } | { id: number; error: string };

// The worker thread of `CheckPool`: parse and compile off the server's event loop.
parentPort?.on('message', (request: CheckRequest) => {
  let reply: CheckReply;
  try {
    reply = { id: request.id, check: checkYamlText(request.input, request.context) };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
parentPort?.postMessage({ ready: true } satisfies CheckReply);
