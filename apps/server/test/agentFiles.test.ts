import { fileURLToPath } from 'node:url';
import type { AgentsResponse, ValidateResponse } from '@baton/core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testServer.js';

/** The engine's fixture of Claude Code agent files in the shapes real repositories use. */
const FIXTURE = fileURLToPath(
  new URL('../../../packages/engine/test/fixtures/claude-agents-real/', import.meta.url),
);

describe('Claude Code agent files over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ agentsDir: FIXTURE });
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('GET /api/agents returns the agents and the diagnostics, with file and line', async () => {
    const res = await request(server.url).get('/api/agents').expect(200);
    const body = res.body as AgentsResponse;
    const reviewer = body.agents.find((a) => a.name === 'code-reviewer');
    expect(reviewer).toMatchObject({
      source: 'file',
      file: '.claude/agents/code-reviewer.md',
      tools: 'Read, Grep, Glob, Bash',
    });
    expect(body.agents.map((a) => a.name)).toEqual(
      expect.arrayContaining(['Release Notes Writer', '翻訳者', 'übersetzer-ux']),
    );
    // The broken file is not replaced by the built-in of its name.
    expect(body.agents.some((a) => a.name === 'general-purpose')).toBe(false);
    expect(body.diagnostics).toContainEqual({
      severity: 'error',
      file: '.claude/agents/broken-quote.md',
      line: 3,
      message: expect.stringMatching(/^bad YAML: /),
      agent: 'quote-breaker',
    });
    expect(body.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'warning', file: '.claude/agents/code-reviewer.md', line: 3 }),
    );
    expect(body.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'error', file: '.claude/agents/notes.md', line: 1 }),
    );
    expect(body.diagnostics.every((d) => !d.file.startsWith('/'))).toBe(true);
  });

  const yaml = `version: 1
stages:
  - { id: s, pattern: parallel_independent, tasks: [{ agent: quote-breaker, task: Review }] }
`;

  it('POST /api/validate: a reference to a failed agent says the file exists and why it failed', async () => {
    const res = await request(server.url)
      .post('/api/validate')
      .set('Content-Type', 'application/yaml')
      .send(yaml)
      .expect(200);
    const body = res.body as ValidateResponse;
    expect(body.ok).toBe(false);
    expect(body.diagnostics.map((d) => d.message)).toContainEqual(
      expect.stringMatching(
        /^agent 'quote-breaker' is defined in \.claude\/agents\/broken-quote\.md but that file could not be read: bad YAML: .* \(line 3\)$/,
      ),
    );
    expect(body.diagnostics.some((d) => d.message.startsWith('unknown agent'))).toBe(false);
  });

  it('POST /api/runs refuses it with the same message', async () => {
    const res = await request(server.url).post('/api/runs').send({ yaml }).expect(400);
    expect(JSON.stringify(res.body)).toMatch(
      /agent 'quote-breaker' is defined in \.claude\/agents\/broken-quote\.md/,
    );
  });
});
