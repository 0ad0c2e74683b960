import { type CliOutcome, type CliStream, parseJsonLine, str, toolSummary } from './agentCli.js';
import type { AgentProcessExit } from './agentProcess.js';
import type { RuntimeContext } from './agentRuntime.js';
import { preview } from './invocationPayload.js';
import { LineSplitter } from './lineSplitter.js';

type Json = Record<string, unknown>;

/**
 * What Gemini CLI's exit codes mean (its headless docs list 0, 1, 42 and 53; its FatalError
 * classes add 41, 44, 52 and 130).
 */
const EXIT_MEANINGS: Readonly<Record<number, string>> = {
  1: 'general error or API failure',
  41: 'authentication failed',
  42: 'invalid input',
  44: 'sandbox error',
  52: 'configuration error',
  53: 'turn limit exceeded',
  130: 'cancelled',
};

/**
 * `gemini -o stream-json` (JSONL), as its headless docs and packages/core/src/output/types.ts
 * describe it: `init` {session_id, model}, `message` {role, content, delta?}, `tool_use`
 * {tool_name, tool_id, parameters}, `tool_result` {tool_id, status, output?, error?}, `error`
 * {severity: warning | error, message}, `result` {status: success | error, error?, stats}. The
 * result carries no text: the answer is the assistant's messages, deltas concatenated, the
 * messages between tool calls joined by a line break.
 */
export function geminiStream(log: RuntimeContext['log']): CliStream {
  let session: string | undefined;
  const segments: string[] = [];
  let open = false;
  let failure: string | null = null;
  let result: Json | null = null;
  // Deltas are pieces of lines: logged once a line is whole.
  const lines = new LineSplitter((line) => log('stdout', line));
  const close = () => {
    open = false;
    lines.flush();
  };

  return {
    read(line) {
      const event = parseJsonLine(line);
      if (!event) {
        if (line.trim()) {
          close();
          log('stdout', line);
        }
        return;
      }
      switch (event.type) {
        case 'init':
          session = str(event.session_id) ?? session;
          log(
            'info',
            `gemini session ${session ?? '?'}${str(event.model) ? ` (model ${str(event.model)})` : ''}`,
          );
          return;
        case 'message': {
          if (event.role !== 'assistant') return; // the prompt, echoed
          const content = str(event.content) ?? '';
          if (!open) segments.push('');
          segments[segments.length - 1] += content;
          lines.push(content);
          open = true;
          if (event.delta !== true) close(); // a whole message ends its own segment
          return;
        }
        case 'tool_use':
          close();
          log('stdout', toolSummary(str(event.tool_name) ?? 'tool', event.parameters));
          return;
        case 'tool_result': {
          close();
          const error = event.error as Json | undefined;
          if (event.status === 'error')
            log('stdout', `tool error: ${preview(str(error?.message) ?? '', 160)}`);
          else log('stdout', `tool result: ${preview(str(event.output) ?? '', 160) || '(empty)'}`);
          return;
        }
        case 'error': {
          close();
          const message = str(event.message) ?? 'error';
          if (event.severity === 'warning') log('stderr', `gemini warning: ${message}`);
          else {
            failure = message;
            log('stderr', `gemini: ${message}`);
          }
          return;
        }
        case 'result': {
          close();
          result = event;
          const error = event.error as Json | undefined;
          if (event.status === 'error') failure = str(error?.message) ?? failure ?? 'the result is an error';
          log('info', `gemini result: ${str(event.status) ?? '?'}`);
          return;
        }
        default:
          return;
      }
    },
    end(exit: AgentProcessExit): CliOutcome {
      close();
      const withSession = session ? { session } : {};
      const text = segments.join('\n');
      if (exit.code !== 0) {
        const meaning = exit.code !== null ? EXIT_MEANINGS[exit.code] : undefined;
        const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
        const detail = failure ?? exit.stderrTail.filter((l) => l.trim()).at(-1);
        const why = `gemini ${how}${meaning ? ` (${meaning})` : ''}${detail ? `: ${preview(detail)}` : ''}`;
        return { ok: false, error: why, text, ...withSession };
      }
      if (failure) return { ok: false, error: `gemini: ${failure}`, text, ...withSession };
      if (!result && !text) {
        return { ok: false, error: 'gemini ended without a result or a message', ...withSession };
      }
      return { ok: true, text, ...withSession };
    },
  };
}
