import type { RequestHandler } from 'express';
import { ApiError } from '../http/ApiError.js';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]', '::1'];

/** The host names a request may be addressed to: loopback names, the bind host, and any configured. */
export function allowedHostNames(bindHost: string, extra: readonly string[]): Set<string> {
  return new Set([...LOOPBACK_NAMES, bindHost, ...extra].map((h) => h.toLowerCase()));
}

function hostnameOf(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  return h.split(':')[0] ?? h;
}

/**
 * DNS rebinding: a page on evil.example that resolves to 127.0.0.1 sends `Host: evil.example`.
 * Only requests addressed to an allowed host name are served.
 */
export function hostCheck(allowed: Set<string>): RequestHandler {
  return (req, _res, next) => {
    const host = req.headers.host;
    if (!host || !allowed.has(hostnameOf(host))) {
      next(
        new ApiError(
          403,
          'forbidden_host',
          `requests to host '${host ?? ''}' are not allowed; use http://localhost`,
        ),
      );
      return;
    }
    next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF: a mutating request from a browser carries an Origin, which must be this very server
 * (scheme, host and port: the Host header was checked above). Requests without Origin (curl,
 * the CLI) do not come from a web page and pass.
 */
export const originCheck: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return next(new ApiError(403, 'forbidden_origin', `${site} requests may not change anything`));
  }
  const origin = req.headers.origin;
  if (origin === undefined) return next();
  let sameOrigin = false;
  try {
    const url = new URL(origin);
    sameOrigin =
      (url.protocol === 'http:' || url.protocol === 'https:') && url.host === req.headers.host?.toLowerCase();
  } catch {
    sameOrigin = false;
  }
  if (!sameOrigin) return next(new ApiError(403, 'forbidden_origin', `origin '${origin}' is not allowed`));
  next();
};
