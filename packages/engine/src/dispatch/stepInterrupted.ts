/**
 * An attempt lost rather than failed: its queue worker stopped answering or handed it back
 * at shutdown, or the queue no longer has its job. The engine runs the step again (a new
 * attempt, counted) without using one of its retries: the agent did not say no, it was cut
 * off. At-least-once: the lost attempt's agent may have done some of its work.
 */
export class StepInterruptedError extends Error {
  constructor(
    message: string,
    /** The worker that had the attempt, when known. */
    readonly worker?: string,
  ) {
    super(message);
    this.name = 'StepInterruptedError';
  }
}
