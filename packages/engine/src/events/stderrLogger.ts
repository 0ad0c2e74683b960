import type { EngineLogger } from '../contract.js';

/** The default logger: `baton engine: <message>:` and the error, as console prints it, on stderr. */
export const stderrLogger: EngineLogger = (message, error) => {
  if (error === undefined) console.error(`baton engine: ${message}`);
  else console.error(`baton engine: ${message}:`, error);
};
