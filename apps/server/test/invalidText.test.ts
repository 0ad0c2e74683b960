import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testServer.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

const bytes = (before: string, bad: number[], after = '\n') =>
  Buffer.concat([Buffer.from(before), Buffer.from(bad), Buffer.from(after)]);
// Line 2, column 19: the byte after "caf".
const LATIN1 = bytes('primary_agent: fastapi-backend-expert\nprimary_task: "caf', [0xe9], '"\n');
const OVERLONG = bytes(
  'primary_agent: fastapi-backend-expert\nprimary_task: "caf',
  [0xe0, 0x80, 0xaf],
  '"\n',
);
const TRUNCATED = bytes(
  'primary_agent: fastapi-backend-expert\nprimary_task: "caf',
  [0xf0, 0x9f, 0x98],
  '"\n',
);
const SURROGATE = bytes(
  'primary_agent: fastapi-backend-expert\nprimary_task: "caf',
  [0xed, 0xa0, 0x80],
  '"\n',
);

const count = async () => (await request(server.url).get('/api/orchestrations')).body.orchestrations.length;
const postYaml = (body: Buffer, type = 'application/yaml') =>
  request(server.url).post('/api/orchestrations').set('Content-Type', type).send(body);

describe('a posted file that is not UTF-8 is refused at its first bad byte, never stored with U+FFFD', () => {
  for (const [what, body, reason] of [
    ['a stray 0xE9', LATIN1, /byte 0xe9 at offset 56 \(line 2, column 19\)/],
    ['an overlong sequence', OVERLONG, /byte 0xe0 at offset 56 .*overlong/],
    ['a truncated sequence', TRUNCATED, /byte 0xf0 at offset 56 .*truncated 4-byte/],
    ['an encoded lone surrogate', SURROGATE, /byte 0xed at offset 56 .*surrogate/],
  ] as const) {
    it(`application/yaml with ${what}: 400 with offset, line and column; nothing stored`, async () => {
      const before = await count();
      const res = await postYaml(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_orchestration');
      expect(res.body.error.message).toMatch(/^the file is not UTF-8 text/);
      expect(res.body.error.message).toMatch(reason);
      expect(res.body.error.diagnostics).toEqual([expect.objectContaining({ line: 2, col: 19 })]);
      expect(await count()).toBe(before);
    });
  }

  it('PUT with such bytes is refused and the stored version is unchanged', async () => {
    const created = await request(server.url)
      .post('/api/orchestrations')
      .send({ yaml: 'primary_agent: fastapi-backend-expert\n' });
    const res = await request(server.url)
      .put(`/api/orchestrations/${created.body.id}`)
      .set('If-Match', '"1"')
      .set('Content-Type', 'application/yaml')
      .send(LATIN1);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/not UTF-8 .*line 2, column 19/);
    const after = await request(server.url).get(`/api/orchestrations/${created.body.id}`);
    expect(after.body.version).toBe(1);
    expect(after.body.yaml).toBe('primary_agent: fastapi-backend-expert\n');
  });

  it('POST /api/validate of such bytes: not ok, the diagnostic at the byte', async () => {
    const res = await request(server.url)
      .post('/api/validate')
      .set('Content-Type', 'application/yaml')
      .send(LATIN1);
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: 2,
        col: 19,
        message: expect.stringMatching(/0xe9/),
      }),
    ]);
  });

  it('a JSON body with a raw non-UTF-8 byte inside its string: 400 invalid_utf8 at that byte', async () => {
    const before = await count();
    const body = bytes('{"yaml": "primary_agent: caf', [0xe9], '\\n"}');
    // fetch, not supertest: supertest would serialise a Buffer sent as JSON.
    const res = await fetch(`${server.url}/api/orchestrations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: { code: string; message: string } };
    expect(answer.error.code).toBe('invalid_utf8');
    expect(answer.error.message).toMatch(
      /^the request body is not UTF-8 text: byte 0xe9 at offset 28 \(line 1, column 29\)/,
    );
    expect(await count()).toBe(before);
  });

  it('JSON "\\ud800" (a lone surrogate) in the file: 400 naming it; also on POST /api/runs', async () => {
    const before = await count();
    const json = '{"yaml": "primary_agent: fastapi-backend-expert\\nprimary_task: \\"x\\ud800\\"\\n"}';
    const res = await request(server.url)
      .post('/api/orchestrations')
      .set('Content-Type', 'application/json')
      .send(json);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/lone surrogate \\ud800 .*line 2, column 17/);
    expect(await count()).toBe(before);
    const run = await request(server.url)
      .post('/api/runs')
      .set('Content-Type', 'application/json')
      .send(json);
    expect(run.status).toBe(400);
    expect(run.body.error.message).toMatch(/lone surrogate/);
  });

  it('a YAML body declared in another charset: 415 saying to send UTF-8', async () => {
    const res = await postYaml(LATIN1, 'application/yaml; charset=iso-8859-1');
    expect(res.status).toBe(415);
    expect(res.body.error.message).toMatch(/send the file as UTF-8 \(got charset=iso-8859-1\)/);
  });

  it('well-formed UTF-8 bytes (with a BOM) are stored exactly as their text', async () => {
    const text = 'primary_agent: fastapi-backend-expert\nprimary_task: "café – 😀"\n';
    const res = await postYaml(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
      'application/yaml; charset=utf-8',
    );
    expect(res.status).toBe(201);
    expect(res.body.yaml).toBe(text);
  });
});
