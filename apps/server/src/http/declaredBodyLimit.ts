import type { RequestHandler } from 'express';
import { ApiError } from './ApiError.js';

/** Request bodies: a 2 MB YAML file, escaped in JSON, fits; anything larger is refused (413). */
export const BODY_LIMIT_BYTES = 3 * 1024 * 1024;

/**
 * A request whose `Content-Length` passes the limit is answered 413 from its headers, and its
 * connection closed: the body parser would first read (and drop) all it declared, so a client
 * declaring 99,999,999,999 bytes and sending two held its connection until a timeout.
 */
export const declaredBodyLimit: RequestHandler = (req, res, next) => {
  const declared = Number(req.headers['content-length']);
  if (!(declared > BODY_LIMIT_BYTES)) return next();
  res.set('Connection', 'close');
  res.on('finish', () => req.socket.destroySoon());
  next(
    new ApiError(
      413,
      'body_too_large',
      `the request body is ${declared} bytes; the limit is ${BODY_LIMIT_BYTES} bytes`,
    ),
  );
};
