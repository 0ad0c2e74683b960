import type { Diagnostic } from '@baton/core';

/** An error a client caused and can fix: sent as `{error: {code, message, diagnostics?}}`. */
export class ApiError extends Error {
  /** Diagnostics found past those listed (an answer lists at most a few hundred). */
  moreDiagnostics = 0;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly diagnostics?: Diagnostic[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (what: string, id: string) =>
  new ApiError(404, 'not_found', `no ${what} with id '${id}'`);
