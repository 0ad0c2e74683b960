import type { ServerOptions } from 'node:http';

/**
 * How long a client may take to send a request. Node's defaults (a minute for the headers,
 * five for the whole request, checked every 30 s) let a client that declares a body and never
 * sends it hold a connection for minutes. An event stream is not affected: it is a response.
 */
export const SERVER_TIMEOUTS: ServerOptions = {
  headersTimeout: 10_000,
  /** The whole request, body included: 3 MB arrives in far less, even on a slow link. */
  requestTimeout: 30_000,
  /** How often the two above are enforced. */
  connectionsCheckingInterval: 1_000,
};
