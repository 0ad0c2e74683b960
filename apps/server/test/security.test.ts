import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, resolveConfig } from '../src/index.js';
import { PRIMARY_WITH_REVIEWERS, startTestServer, type TestServer } from './testServer.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

describe('security defaults', () => {
  it('listens on 127.0.0.1 by default', () => {
    expect(resolveConfig({}, {}).host).toBe('127.0.0.1');
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('a wrong Host (DNS rebinding) gets 403', async () => {
    const res = await request(server.url)
      .get('/api/orchestrations')
      .set('Host', 'evil.example:4800')
      .expect(403);
    expect(res.body.error.code).toBe('forbidden_host');
    await request(server.url).get('/api/health').set('Host', 'localhost:4800').expect(200);
  });

  it('a POST from a foreign Origin (CSRF) gets 403 and creates nothing', async () => {
    const before = (await request(server.url).get('/api/orchestrations')).body.orchestrations.length;
    const res = await request(server.url)
      .post('/api/orchestrations')
      .set('Origin', 'https://evil.example')
      .send({ yaml: PRIMARY_WITH_REVIEWERS })
      .expect(403);
    expect(res.body.error.code).toBe('forbidden_origin');
    await request(server.url)
      .post('/api/orchestrations')
      .set('Sec-Fetch-Site', 'cross-site')
      .send({ yaml: PRIMARY_WITH_REVIEWERS })
      .expect(403);
    expect((await request(server.url).get('/api/orchestrations')).body.orchestrations).toHaveLength(before);
    // Another port on the same machine is another origin.
    const otherPort = server.url.replace(/:\d+$/, ':1234');
    await request(server.url)
      .post('/api/orchestrations')
      .set('Origin', otherPort)
      .send({ yaml: PRIMARY_WITH_REVIEWERS })
      .expect(403);
    await request(server.url)
      .post('/api/orchestrations')
      .set('Sec-Fetch-Site', 'same-site')
      .send({ yaml: PRIMARY_WITH_REVIEWERS })
      .expect(403);
    expect((await request(server.url).get('/api/orchestrations')).body.orchestrations).toHaveLength(before);
    // The app's own origin may.
    await request(server.url)
      .post('/api/orchestrations')
      .set('Origin', server.url)
      .send({ yaml: PRIMARY_WITH_REVIEWERS })
      .expect(201);
  });

  it('an inline command agent in a posted YAML gets 400', async () => {
    const yaml =
      'version: 1\nagents:\n  evil: { runtime: { kind: command, command: [touch, /tmp/pwned] } }\nstages:\n  - { pattern: parallel_independent, tasks: [{ agent: evil }] }\n';
    const res = await request(server.url).post('/api/runs').send({ yaml }).expect(400);
    expect(res.body.error.diagnostics).toContainEqual(
      expect.objectContaining({ line: 3, message: expect.stringMatching(/only simulated agents inline/) }),
    );
  });

  it('binding 0.0.0.0 without a token refuses to start; with a token it needs the token', async () => {
    expect(() => resolveConfig({ host: '0.0.0.0' }, {})).toThrow(ConfigError);
    expect(() => resolveConfig({ host: '0.0.0.0' }, {})).toThrow(
      /refusing to listen on 0\.0\.0\.0 without a token/,
    );
    expect(resolveConfig({ host: '0.0.0.0' }, { BATON_TOKEN: 's3cret' }).token).toBe('s3cret');

    const guarded = await startTestServer({ token: 's3cret' });
    try {
      const denied = await request(guarded.url).get('/api/orchestrations').expect(401);
      expect(denied.body.error.message).toMatch(/Authorization: Bearer/);
      await request(guarded.url).get('/api/orchestrations').set('Authorization', 'Bearer s3cret').expect(200);
      await request(guarded.url).get('/api/orchestrations').set('Authorization', 'Bearer wrong').expect(401);
      // Express matches routes case-insensitively: so must the token check.
      for (const path of ['/API/orchestrations', '/Api/runs', '/api/ORCHESTRATIONS']) {
        await request(guarded.url).get(path).expect(401);
      }
      await request(guarded.url).post('/API/runs').send({ yaml: PRIMARY_WITH_REVIEWERS }).expect(401);
      // A malformed cookie is no token, not a crash.
      await request(guarded.url).get('/api/orchestrations').set('Cookie', 'baton_token=%ZZ').expect(401);
      // Opening the app with ?token= sets the cookie the event streams use.
      const opened = await request(guarded.url).get('/?token=s3cret').expect(200);
      const cookie = String(opened.headers['set-cookie']).split(';')[0] as string;
      await request(guarded.url).get('/api/orchestrations').set('Cookie', cookie).expect(200);
    } finally {
      await guarded.dispose();
    }
  });
});
