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
    if (name === COOKIE) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/**
 * With `BATON_TOKEN` set, every API request needs it: `Authorization: Bearer <token>`, or the
 * cookie the app sets when opened once as `/?token=<token>` (EventSource cannot send headers).
 */
export function tokenAuth(token: string): RequestHandler {
  return (req, res, next) => {
    const query = typeof req.query.token === 'string' ? req.query.token : undefined;
    if (query && same(query, token)) {
      res.cookie(COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/' });
      return next();
    }
    const bearer = req.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
    const given = bearer ?? cookieToken(req.headers.cookie);
    if (given && same(given, token)) return next();
    if (!req.path.startsWith('/api/')) return next(); // the app's files are public; its data is not
    next(
      new ApiError(
        401,
        'unauthorized',
        'this server needs its token: send "Authorization: Bearer <BATON_TOKEN>"',
      ),
    );
  };
}
