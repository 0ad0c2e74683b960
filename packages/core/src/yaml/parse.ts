import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import { type Diagnostic, didYouMean, hasErrors } from '../diagnostics.js';
import { describeValue } from '../model/describeValue.js';
import { inferPattern, isPatternName, PATTERNS, SEED_INFERENCE_KEYS } from '../model/patterns.js';
import { reservedNameMessage } from '../model/reservedName.js';
import { fullFormTopSchema, seedSchemas, stageSchemas } from '../model/schema.js';
import type { Orchestration, Stage } from '../model/types.js';
import { exhaustedStack, tooDeepDiagnostic } from './cstDepth.js';
import { decodeText, tooLarge } from './decodeText.js';
import { YAML_LIMITS } from './limits.js';
import { loneSurrogate } from './loneSurrogate.js';
import { findReservedKey } from './reservedKeys.js';
import { issuesFromZod, type ModelIssue } from './schemaIssues.js';
import { withSeedHeader } from './seedHeader.js';
import { structureProblems } from './structureLimits.js';
import { pastTokenBudget } from './tokenBudget.js';
import { utf8Length } from './utf8Length.js';
import { type FileForm, locate, type YamlSource } from './YamlSource.js';

export interface ParseResult {
  /** The model, or `null` when the file's syntax or shape is broken. */
  document: Orchestration | null;
  diagnostics: Diagnostic[];
  /** The parsed file, for positions and for a serialisation that keeps its comments. */
  source: YamlSource | null;
  form: FileForm | null;
}

const failed = (diagnostics: Diagnostic[], source: YamlSource | null = null): ParseResult => ({
  document: null,
  diagnostics,
  source,
  form: source?.form ?? null,
});

/** Attach a line and column to a model issue. */
export function positionIssue(source: YamlSource, issue: ModelIssue): Diagnostic {
  const range = locate(source, issue.path, issue.atKey);
  return {
    severity: issue.severity,
    message: issue.message,
    path: issue.path,
    line: range.line,
    col: range.col,
    endLine: range.endLine,
    endCol: range.endCol,
  };
}

/**
 * Parse an orchestration file of either form (docs/design.md §2.1) into the model. Never throws: every
 * problem, from bad bytes to an unknown key, comes back as a diagnostic with line and column.
 */
export function parse(input: string | Uint8Array): ParseResult {
  let text: string;
  if (typeof input === 'string') {
    // Bytes, not characters: the limit is the file's size in UTF-8 (at most 3 bytes a unit).
    if (input.length * 3 > YAML_LIMITS.maxBytes) {
      const bytes = utf8Length(input);
      if (bytes > YAML_LIMITS.maxBytes) return failed([tooLarge(bytes)]);
    }
    const lone = loneSurrogate(input);
    if (lone) return failed([lone]);
    text = input;
  } else {
    const decoded = decodeText(input);
    if (!decoded.ok) return failed([decoded.diagnostic]);
    text = decoded.text;
  }

  const overBudget = pastTokenBudget(text);
  if (overBudget !== null) return failed([tooManyTokens(text, overBudget)]);

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: true,
    // Checked by structureProblems, in linear time: the parser's own check is quadratic.
    uniqueKeys: false,
    keepSourceTokens: false,
  });
  const probe: YamlSource = { text, form: 'full', doc, lineCounter, document: null };
  if (exhaustedStack(doc.errors)) return failed([tooDeepDiagnostic(text, lineCounter)]);
  const syntax = [
    ...doc.errors.map((e) => yamlError(e, 'error')),
    ...doc.warnings.map((e) => yamlError(e, 'warning')),
  ];
  if (hasErrors(syntax)) return failed(syntax);

  const shape = structureProblems(doc.contents);
  if (shape.length) {
    return failed(
      shape.map(({ offset, message }) => {
        const pos = lineCounter.linePos(offset);
        return { severity: 'error', message, path: [], line: pos.line, col: pos.col };
      }),
    );
  }

  const reserved = findReservedKey(doc.contents);
  if (reserved !== null) {
    const pos = lineCounter.linePos(reserved);
    return failed([
      { severity: 'error', message: reservedNameMessage('a key'), path: [], line: pos.line, col: pos.col },
    ]);
  }

  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const bomb = /alias/i.test(message);
    return failed([
      {
        severity: 'error',
        message: bomb
          ? `the file expands too many aliases (more than ${YAML_LIMITS.maxAliasCount}): it looks like an alias bomb; write the values out instead`
          : `the file could not be read: ${message}`,
        path: [],
        line: 1,
        col: 1,
      },
    ]);
  }

  if (root === null || root === undefined) {
    return failed([
      at(
        probe,
        [],
        'the file is empty: write one pattern\'s keys (seed form, e.g. "primary_agent: …") or "stages:" (full form)',
      ),
    ]);
  }
  // A plain mapping only: `!!binary`, `!!set`, `!!omap` and timestamps are objects in JavaScript.
  if (typeof root !== 'object' || Array.isArray(root) || Object.getPrototypeOf(root) !== Object.prototype) {
    return failed([
      at(
        probe,
        [],
        `the top level must be a mapping of keys (a pattern's keys, or "stages:" for the full form); got ${describeValue(root)}`,
      ),
    ]);
  }

  const record = root as Record<string, unknown>;
  const form: FileForm = Object.hasOwn(record, 'stages') ? 'full' : 'seed';
  const source: YamlSource = { ...probe, form };
  const built = form === 'full' ? buildFull(record) : buildSeed(record);
  if (form === 'seed' && built.document) {
    // The seed form's names are its leading comment's (seedHeader).
    const headed = withSeedHeader(built.document, text);
    built.document = headed.document;
    built.issues.push(...headed.issues);
  }
  const diagnostics = [...syntax, ...built.issues.map((issue) => positionIssue(source, issue))];
  const document = hasErrors(diagnostics) ? null : built.document;
  return { document, diagnostics, source: { ...source, document }, form };
}

function tooManyTokens(text: string, offset: number): Diagnostic {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < lineStart; i = text.indexOf('\n', i + 1)) line++;
  return {
    severity: 'error',
    message: `the file holds more than ${YAML_LIMITS.maxTokens.toLocaleString('en-US')} YAML tokens (keys, values, punctuation) by here; a 1,000-step orchestration holds about 15,000: split it into smaller orchestrations`,
    path: [],
    line,
    col: offset - lineStart + 1,
  };
}

function at(source: YamlSource, path: (string | number)[], message: string): Diagnostic {
  return positionIssue(source, { severity: 'error', message, path });
}

function yamlError(error: YAMLError, severity: 'error' | 'warning'): Diagnostic {
  const [from, to] = error.linePos ?? [{ line: 1, col: 1 }];
  const message = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.message;
  return {
    severity,
    message: `YAML syntax: ${message}`,
    path: [],
    line: from.line,
    col: from.col,
    ...(to ? { endLine: to.line, endCol: to.col } : {}),
  };
}

interface Built {
  document: Orchestration | null;
  issues: ModelIssue[];
}

const PATTERN_LIST = PATTERNS.join(', ');

function buildSeed(root: Record<string, unknown>): Built {
  const pattern = inferPattern(root);
  if (!pattern) {
    const found = Object.keys(root);
    const hint = found.map((k) => didYouMean(k, [...SEED_INFERENCE_KEYS, 'stages'])).find(Boolean) ?? '';
    return {
      document: null,
      issues: [
        {
          severity: 'error',
          message:
            `cannot tell the pattern from the keys found (${found.join(', ') || 'none'})${hint}; ` +
            `expected one of ${SEED_INFERENCE_KEYS.join(', ')} (seed form), or "stages:" (full form)`,
          path: [],
        },
      ],
    };
  }
  const schema = seedSchemas[pattern];
  const result = schema.safeParse(root);
  if (!result.success) {
    return { document: null, issues: issuesFromZod(result.error, schema, root, ['stages', 0], []) };
  }
  const stage = { pattern, ...result.data } as Stage;
  return { document: { version: 1, stages: [stage] }, issues: [] };
}

function buildFull(root: Record<string, unknown>): Built {
  const issues: ModelIssue[] = [];
  const top = fullFormTopSchema.safeParse(root);
  if (!top.success) issues.push(...issuesFromZod(top.error, fullFormTopSchema, root, [], []));
  const rawStages = Array.isArray(root.stages) ? root.stages : [];
  const stages: Stage[] = [];
  rawStages.forEach((raw, index) => {
    const path = ['stages', index];
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      issues.push({
        severity: 'error',
        message: `stages[${index}]: a stage is a mapping with a pattern and its keys`,
        path,
      });
      return;
    }
    const stageRaw = raw as Record<string, unknown>;
    let pattern = stageRaw.pattern;
    if (pattern === undefined) {
      pattern = inferPattern(stageRaw);
      if (!pattern) {
        issues.push({
          severity: 'error',
          message: `stages[${index}]: no "pattern:" and its keys do not tell one; add "pattern:" with one of ${PATTERN_LIST}`,
          path,
        });
        return;
      }
    } else if (!isPatternName(pattern)) {
      issues.push({
        severity: 'error',
        message: `unknown pattern '${String(pattern)}'${didYouMean(String(pattern), PATTERNS)}; expected one of ${PATTERN_LIST}`,
        path: [...path, 'pattern'],
      });
      return;
    }
    const schema = stageSchemas[pattern as Stage['pattern']];
    const input = { ...stageRaw, pattern };
    const result = schema.safeParse(input);
    if (!result.success) {
      issues.push(...issuesFromZod(result.error, schema, input, path, path));
      return;
    }
    stages.push(result.data as Stage);
  });
  if (issues.some((i) => i.severity === 'error') || !top.success) return { document: null, issues };
  const { stages: _raw, version: _version, ...rest } = top.data;
  return { document: { version: 1, ...rest, stages }, issues };
}
