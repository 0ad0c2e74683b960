import type { StepResult } from '../contract.js';
import { readAgentAnswer } from './agentAnswer.js';
import { systemPrompt, userPrompt } from './agentPrompt.js';
import { type AgentRuntime, failed, messageOf, runtimeOf } from './agentRuntime.js';
import { preview } from './invocationPayload.js';
import { LineSplitter } from './lineSplitter.js';

/**
 * The openai runtime (docs/design.md §3.3): any OpenAI-compatible chat-completions endpoint (OpenAI,
 * Ollama, vLLM, LM Studio). Streams the answer (server-sent events), passing it on as log
 * lines while it arrives; an endpoint that answers with one JSON body is read as well.
 */
export function createOpenAiRuntime(): AgentRuntime {
  return {
    async run(invocation, { signal, log }): Promise<StepResult> {
      const settings = runtimeOf(invocation, 'openai');
      const url = `${settings.base_url.replace(/\/+$/, '')}/chat/completions`;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (settings.api_key_env) {
        const key = process.env[settings.api_key_env];
        if (!key) return failed(`the environment variable ${settings.api_key_env} (the API key) is not set`);
        headers.authorization = `Bearer ${key}`;
      }
      const body: Record<string, unknown> = {
        model: settings.model,
        stream: true,
        messages: [
          { role: 'system', content: systemPrompt(invocation) },
          { role: 'user', content: userPrompt(invocation) },
        ],
      };
      if (settings.temperature !== undefined) body.temperature = settings.temperature;
      if (settings.max_tokens !== undefined) body.max_tokens = settings.max_tokens;

      let response: Response;
      try {
        response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal });
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        return failed(`cannot reach ${url}: ${messageOf(error)}`);
      }
      if (!response.ok) {
        const text = await response.text();
        return failed(`${url} answered HTTP ${response.status}${text ? `: ${preview(text)}` : ''}`);
      }
      const lines = new LineSplitter((line) => log('stdout', line));
      const type = response.headers.get('content-type') ?? '';
      const read = type.includes('text/event-stream')
        ? await readStream(response, (token) => lines.push(token))
        : await readWhole(response, (text) => lines.push(text));
      lines.flush();
      if ('error' in read) return failed(`${url}: ${read.error}`, read.content ?? '');
      return readAgentAnswer(invocation, read.content);
    },
  };
}

type Read = { content: string } | { error: string; content?: string };

/** The content of one chat-completions chunk or body, or an error naming what was wrong. */
function contentOf(json: unknown, streaming: boolean): { text: string } | { error: string } {
  const choices = (json as { choices?: unknown } | null)?.choices;
  if (!Array.isArray(choices)) {
    const apiError = (json as { error?: { message?: unknown } } | null)?.error?.message;
    return { error: typeof apiError === 'string' ? apiError : 'the answer has no "choices"' };
  }
  const choice = (choices[0] ?? {}) as { delta?: { content?: unknown }; message?: { content?: unknown } };
  const content = streaming ? choice.delta?.content : choice.message?.content;
  return { text: typeof content === 'string' ? content : '' };
}

async function readStream(response: Response, onToken: (token: string) => void): Promise<Read> {
  let content = '';
  let buffer = '';
  const decoder = new TextDecoder();
  if (!response.body) return { error: 'empty answer' };
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk, { stream: true });
    let nl = buffer.indexOf('\n');
    while (nl >= 0) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      nl = buffer.indexOf('\n');
      if (!line.startsWith('data:')) continue; // comments, event names, blank separators
      const data = line.slice(5).trim();
      if (data === '[DONE]') return { content };
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        return { error: `unreadable stream chunk: ${preview(data)}`, content };
      }
      const piece = contentOf(json, true);
      if ('error' in piece) return { error: piece.error, content };
      content += piece.text;
      if (piece.text) onToken(piece.text);
    }
  }
  return { content };
}

async function readWhole(response: Response, onText: (text: string) => void): Promise<Read> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { error: `the answer is neither JSON nor an event stream: ${preview(text) || '(empty)'}` };
  }
  const piece = contentOf(json, false);
  if ('error' in piece) return { error: piece.error };
  onText(piece.text);
  return { content: piece.text };
}
