import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { ApiError } from './ApiError.js';

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
  length?: number;
}

/** The body-parser errors a client can cause, as messages it can act on. */
function fromBodyParser(error: BodyParserError): ApiError | null {
  switch (error.type) {
    case 'entity.too.large':
      return new ApiError(
        413,
        'body_too_large',
        `the request body is ${error.length ?? 'over'} bytes; the limit is ${error.limit} bytes`,
      );
    case 'entity.parse.failed':
      return new ApiError(400, 'invalid_json', 'the request body is not valid JSON');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ApiError(415, 'unsupported_encoding', 'send the body as UTF-8');
    case 'request.aborted':
      return new ApiError(400, 'request_aborted', 'the request was aborted before its body arrived');
    default:
      return null;
  }
}

/** Last handler: every error becomes a JSON answer; only a bug becomes a 500 (and is logged). */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const apiError =
      error instanceof ApiError
        ? error
        : (fromBodyParser(error as BodyParserError) ??
          (typeof (error as BodyParserError).status === 'number' && (error as BodyParserError).status! < 500
            ? new ApiError(
                (error as BodyParserError).status!,
                'bad_request',
                String((error as Error).message),
              )
            : null));
    if (!apiError) {
      logger.error({ err: error, method: req.method, url: req.originalUrl }, 'request failed');
      if (!res.headersSent) res.status(500).json({ error: { code: 'internal', message: 'internal error' } });
      return;
    }
    if (res.headersSent) return;
    res.status(apiError.status).json({
      error: {
        code: apiError.code,
        message: apiError.message,
        ...(apiError.diagnostics
          ? { diagnostics: apiError.diagnostics, moreDiagnostics: apiError.moreDiagnostics }
          : {}),
      },
      ...apiError.extra,
    });
  };
}
