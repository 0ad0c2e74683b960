import type { StepResult } from '../contract.js';
import { type AgentRuntime, failed, messageOf, runtimeOf } from './agentRuntime.js';
import { invocationPayload, preview, resultFromJson } from './invocationPayload.js';

/**
 * The http runtime (docs/design.md §3.3): POSTs the invocation as JSON to the agent's URL and reads
 * its result JSON `{output, condition?, verdict?, findings?}`. The step's signal aborts the
 * request on cancel or timeout.
 */
export function createHttpRuntime(): AgentRuntime {
  return {
    async run(invocation, { signal, log }): Promise<StepResult> {
      const settings = runtimeOf(invocation, 'http');
      const started = Date.now();
      log('info', `POST ${settings.url}`);
      let response: Response;
      try {
        response = await fetch(settings.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', ...settings.headers },
          body: JSON.stringify(invocationPayload(invocation)),
          signal,
        });
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        return failed(`cannot reach ${settings.url}: ${messageOf(error)}`);
      }
      const text = await response.text();
      log('info', `HTTP ${response.status} in ${Date.now() - started}ms`);
      if (!response.ok) {
        return failed(`${settings.url} answered HTTP ${response.status}${text ? `: ${preview(text)}` : ''}`);
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return failed(`${settings.url} answered something that is not JSON: ${preview(text) || '(empty)'}`);
      }
      return resultFromJson(body, `the answer of ${settings.url}`);
    },
  };
}
