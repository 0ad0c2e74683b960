import { formatDiagnostic } from '@baton/core';
import { AGENTS_OPTION, loadCliRegistry, reportRegistryProblems } from '../agentRegistryOption.js';
import { EXIT, UsageError } from '../exitCodes.js';
import { expandFileArgs } from '../expandFileArgs.js';
import { io } from '../io.js';
import { parseCommandArgs } from '../parseCommandArgs.js';
import { programWarnings } from '../programWarnings.js';
import { readOrchestrationFile } from '../readOrchestrationFile.js';

/**
 * `baton validate FILE|GLOB... [--agents DIR]` (globs expanded here, see expandFileArgs): every diagnostic as `file:line:col: severity: message`;
 * exit 1 on any error. Agents are checked against the registry: `--agents DIR`, else this
 * folder's `.claude/agents/` and `baton.agents.yaml` (the agents a run here would call); an
 * agent whose real runtime's CLI is not on PATH is a warning (exit code unchanged).
 */
export async function validateCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, AGENTS_OPTION);
  if (!positionals.length) throw new UsageError('name at least one file to validate');
  const loaded = loadCliRegistry(values.agents);
  if (!loaded) return EXIT.failed;
  reportRegistryProblems(loaded);
  const { files, unmatched } = expandFileArgs(positionals);
  let failed = unmatched.length > 0;
  for (const pattern of unmatched) io.err(`${pattern}:1:1: error: no file matches this pattern`);
  for (const path of files) {
    const { result } = await readOrchestrationFile(path, loaded.compile);
    for (const d of result.diagnostics) (d.severity === 'error' ? io.err : io.out)(formatDiagnostic(d, path));
    // A real runtime's CLI that is missing fails its steps at run time: said now, as a warning.
    for (const d of programWarnings(result, loaded.registry.catalog, process.cwd()))
      io.out(formatDiagnostic(d, path));
    if (!result.ok) failed = true;
    else {
      const steps = result.plan?.steps.length ?? 0;
      const stages = result.plan?.stages.length ?? 0;
      io.out(
        `${path}: ok (${result.form} form, ${stages} stage${stages === 1 ? '' : 's'}, ${steps} step${steps === 1 ? '' : 's'})`,
      );
    }
  }
  return failed ? EXIT.failed : EXIT.ok;
}
