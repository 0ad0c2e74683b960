import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Router } from 'express';

const PLACEHOLDER = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Baton</title></head>
<body style="font-family: system-ui; margin: 3rem; max-width: 40rem">
<h1>Baton</h1><p>The server is running, but the web app is not built: run <code>npm run build</code>.</p>
<p>The API is at <a href="/api/health">/api/health</a>.</p></body></html>`;

/** The built web app at `/`, with every unknown non-API path answered by its index.html. */
export function serveWebApp(webDir: string): Router {
  const router = express.Router();
  const index = join(webDir, 'index.html');
  router.use(express.static(webDir, { index: false, maxAge: '1h', immutable: false }));
  router.get(/^(?!\/api\/).*/, (_req, res) => {
    if (existsSync(index)) res.sendFile(index, { headers: { 'Cache-Control': 'no-cache' } });
    else res.type('html').send(PLACEHOLDER);
  });
  return router;
}
