/** A step's result (docs/design.md §3.2): what its agent answered, as the engine records it. */
export interface StepResult {
  status: 'succeeded' | 'failed';
  output: string;
  /** An analyzer's answer: the condition that selects a branch. */
  condition?: string;
  /** A reviewer's or validator's answer. */
  verdict?: 'approve' | 'changes_requested';
  findings?: string[];
  error?: string;
  /** The agent CLI's session (Claude Code's `session_id`…): a revision of the same step resumes it. */
  session?: string;
}
