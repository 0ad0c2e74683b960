/**
 * Why the server cannot start, said in one line that names the file or folder and what to do.
 * `baton serve` prints the message and exits 1, without a stack trace.
 */
export class StartupError extends Error {
  override name = 'StartupError';
}
