import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ApiError } from '../http/ApiError.js';

const COOKIE = 'baton_token';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(header: string | undefined): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [name, ...rest] = part.trim().split('=');
    if (name !== COOKIE) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      return undefined; // a malformed cookie is no token
    }
  }
  return undefined;
}

/**
 * Opening the app once as `/?token=<token>` stores the token in a cookie, since EventSource
 * cannot send headers. Runs on every path; grants nothing by itself.
 */
export function tokenCookieFromQuery(token: string): RequestHandler {
  return (req, res, next) => {
    const query = req.query.token;
    if (typeof query === 'string' && same(query, token)) {
      res.cookie(COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/' });
      req.headers.authorization = `Bearer ${token}`;
    }
    next();
  };
}

/**
 * With `BATON_TOKEN` set, the API needs it: `Authorization: Bearer <token>` or the cookie.
 * Mounted on `/api` with the routes' own (case-insensitive) matcher, so no spelling of the
 * path slips past it.
 */
export function requireToken(token: string): RequestHandler {
  return (req, _res, next) => {
    const bearer = req.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
    const given = bearer ?? cookieToken(req.headers.cookie);
    if (given && same(given, token)) return next();
    next(
      new ApiError(
        401,
        'unauthorized',
        'this server needs its token: send "Authorization: Bearer <BATON_TOKEN>"',
      ),
    );
  };
}
