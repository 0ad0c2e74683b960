import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { invalidUtf8 } from '@baton/core';
import { ApiError } from './ApiError.js';

/**
 * body-parser's `verify` for JSON bodies: a body that is not UTF-8 would be decoded with U+FFFD
 * in place of its bad bytes, and the file stored would not be what the user sent. Refused
 * (400) at the first bad byte instead.
 */
export function requireUtf8(_req: IncomingMessage, _res: ServerResponse, body: Buffer): void {
  if (isUtf8(body)) return;
  const diagnostic = invalidUtf8(body, 'the request body');
  if (!diagnostic) return;
  throw new ApiError(400, 'invalid_utf8', diagnostic.message, [diagnostic]);
}
