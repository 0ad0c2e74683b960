import { writeFile } from 'node:fs/promises';
import { formatDiagnostic, SerializeError, serialize, toMermaid } from '@baton/core';
import { EXIT, UsageError } from '../exitCodes.js';
import { io } from '../io.js';
import { parseCommandArgs } from '../parseCommandArgs.js';
import { readOrchestrationFile } from '../readOrchestrationFile.js';

const FORMATS = ['full', 'seed', 'mermaid'] as const;

/** `baton export FILE --format full|seed|mermaid [-o OUT]`. */
export async function exportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    format: { type: 'string', short: 'f' },
    output: { type: 'string', short: 'o' },
  });
  if (positionals.length !== 1) throw new UsageError('name exactly one file to export');
  const format = values.format ?? 'full';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not '${format}'`);
  }
  const path = positionals[0] as string;
  const { result } = await readOrchestrationFile(path);
  if (!result.ok || !result.document || !result.plan) {
    for (const d of result.diagnostics) if (d.severity === 'error') io.err(formatDiagnostic(d, path));
    return EXIT.failed;
  }
  let text: string;
  try {
    text =
      format === 'mermaid'
        ? toMermaid(result.plan)
        : serialize(result.document, { form: format as 'full' | 'seed', source: result.source });
  } catch (error) {
    if (error instanceof SerializeError) {
      io.err(`${path}: cannot export as ${format}: ${error.message}`);
      return EXIT.failed;
    }
    throw error;
  }
  if (values.output) await writeFile(values.output, text);
  else process.stdout.write(text);
  return EXIT.ok;
}
