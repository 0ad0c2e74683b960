import type { Request } from 'express';
import { ApiError } from './ApiError.js';

/**
 * The YAML text of a request: JSON `{"yaml": "..."}` or a raw `application/yaml` body
 * (DESIGN §4). Anything else is a 4xx that says what to send.
 */
export function readYamlBody(req: Request): string {
  const body: unknown = req.body;
  if (typeof body === 'string') return body;
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
