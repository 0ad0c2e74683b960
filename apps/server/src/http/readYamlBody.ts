import type { Request } from 'express';
import { ApiError } from './ApiError.js';

export const YAML_MEDIA_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'];

/**
 * The YAML of a request: JSON `{"yaml": "..."}` (text), or a raw `application/yaml` body (its
 * bytes, which core decodes and refuses unless UTF-8) (docs/design.md §4). Anything else is a 4xx that
 * says what to send.
 */
export function readYamlBody(req: Request): string | Uint8Array {
  const body: unknown = req.body;
  if (req.is(YAML_MEDIA_TYPES)) {
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1];
    if (charset && !/^utf-?8$/i.test(charset)) {
      throw new ApiError(415, 'unsupported_encoding', `send the file as UTF-8 (got charset=${charset})`);
    }
    if (Buffer.isBuffer(body)) return body;
    return new Uint8Array(0); // no body at all: an empty file, which validation explains
  }
  if (req.is('application/json')) {
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      const yaml = (body as Record<string, unknown>).yaml;
      if (typeof yaml === 'string') return yaml;
      if (yaml !== undefined)
        throw new ApiError(400, 'invalid_body', '"yaml" must be a string holding the file text');
    }
    throw new ApiError(400, 'invalid_body', 'send {"yaml": "<file text>"}');
  }
  throw new ApiError(
    415,
    'unsupported_media_type',
    `send Content-Type: application/json with {"yaml": "..."} or Content-Type: application/yaml (got ${req.headers['content-type'] ?? 'none'})`,
  );
}
