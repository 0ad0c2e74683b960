import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { StepInvocation, StepResult } from '../contract.js';
import { readAgentAnswer } from './agentAnswer.js';
import { exitDescription, inheritedEnv, runAgentProcess } from './agentProcess.js';
import { userPrompt } from './agentPrompt.js';
import { type AgentRuntime, failed, messageOf, type RuntimeContext, runtimeOf } from './agentRuntime.js';
import { invocationPayload, preview, resultFromJson } from './invocationPayload.js';
import { createStepScratch } from './stepScratch.js';

export interface CommandRuntimeOptions {
  /** Between SIGTERM and SIGKILL when a step is cancelled or times out. Default 5s. */
  killGraceMs?: number;
}

/** A prompt longer than this goes in BATON_PROMPT_FILE only (Linux caps one env string at 128 KiB). */
const MAX_ENV_PROMPT = 64 * 1024;

/**
 * The command runtime (docs/design.md §3.3): runs the agent's argv (no shell) in its own process
 * group, so that a cancel or a timeout reaches the whole tree it starts. The invocation goes
 * in as JSON on stdin and in a file (for scripts), the plain-text prompt in `BATON_PROMPT_FILE`
 * and `BATON_PROMPT` (for a CLI), the essentials in env; stdout and stderr come back as log
 * lines; exit 0 is success, and the result is `BATON_RESULT_FILE` if the agent wrote it, else
 * its stdout read by the one answer parser (`readAgentAnswer`).
 */
export function createCommandRuntime(options: CommandRuntimeOptions = {}): AgentRuntime {
  const killGraceMs = options.killGraceMs ?? 5000;
  return {
    run: (invocation, context) => runCommand(invocation, context, killGraceMs),
  };
}

async function runCommand(
  invocation: StepInvocation,
  context: RuntimeContext,
  killGraceMs: number,
): Promise<StepResult> {
  const { signal } = context;
  const settings = runtimeOf(invocation, 'command');
  const [program, ...args] = settings.command as [string, ...string[]];
  // Removed when the step ends, whatever its end; a killed process's are removed at the next start.
  const dir = createStepScratch();
  try {
    const payload = JSON.stringify(invocationPayload(invocation));
    const prompt = userPrompt(invocation);
    const inputsFile = join(dir, 'invocation.json');
    const promptFile = join(dir, 'prompt.txt');
    const resultFile = join(dir, 'result.json');
    writeFileSync(inputsFile, payload);
    writeFileSync(promptFile, prompt);
    const env = {
      ...inheritedEnv(),
      ...settings.env,
      BATON_RUN_ID: invocation.runId,
      BATON_STAGE_ID: invocation.stageId,
      BATON_STEP_ID: invocation.stepId,
      BATON_AGENT: invocation.agent,
      BATON_ATTEMPT: String(invocation.attempt),
      BATON_ROUND: String(invocation.round),
      BATON_KEY: invocation.key,
      BATON_TASK: invocation.task,
      BATON_WORKSPACE: invocation.workspace,
      BATON_INPUTS_FILE: inputsFile,
      BATON_RESULT_FILE: resultFile,
      // The plain-text prompt the agent CLI runtimes send: a CLI wired by hand gets words, not JSON.
      BATON_PROMPT_FILE: promptFile,
      ...(Buffer.byteLength(prompt) <= MAX_ENV_PROMPT ? { BATON_PROMPT: prompt } : {}),
    };
    const exit = await runAgentProcess(
      {
        program,
        args,
        cwd: resolve(invocation.workspace, settings.cwd ?? '.'),
        env,
        stdin: payload,
        killGraceMs,
      },
      context,
    );
    if (exit.spawnError) return failed(`cannot start '${program}': ${exit.spawnError.message}`);
    if (signal.aborted) return failed(`stopped: ${messageOf(signal.reason)}`, exit.stdout);
    if (exit.code !== 0) {
      const last = exit.stderrTail.at(-1);
      const why = exitDescription(exit);
      return failed(last ? `${why}: ${preview(last)}` : why, exit.stdout.trim());
    }
    let written: string | null = null;
    try {
      written = readFileSync(resultFile, 'utf8');
    } catch {
      // Not written: stdout is the answer.
    }
    if (written === null || !written.trim()) {
      return readAgentAnswer(invocation, exit.stdout, { exitCodeJudgesValidator: true });
    }
    try {
      return resultFromJson(JSON.parse(written), 'the result file');
    } catch {
      return failed(`the result file is not valid JSON: ${preview(written)}`, exit.stdout.trim());
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
