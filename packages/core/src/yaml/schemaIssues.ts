import type { z } from 'zod';
import { didYouMean, formatPath } from '../diagnostics.js';
import { describeValue } from '../model/describeValue.js';
import type { ModelPath } from '../model/types.js';

/** A finding before it has a position: compile and schema checks work on the model alone. */
export interface ModelIssue {
  severity: 'error' | 'warning';
  message: string;
  path: ModelPath;
  /** Point at the key rather than its value (an unknown key). */
  atKey?: boolean;
}

type AnySchema = z.core.$ZodType;

/** The keys an object schema allows at a path, walking through arrays, records and unions. */
export function allowedKeysAt(schema: AnySchema, path: readonly PropertyKey[]): string[] {
  let current: AnySchema | undefined = schema;
  for (const segment of path) {
    current = current && childSchema(current, segment);
  }
  const object = current && objectOf(current);
  return object ? Object.keys(object._zod.def.shape) : [];
}

function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (let i = 0; i < 10; i++) {
    const def = s._zod.def as { type: string; innerType?: AnySchema };
    if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable') && def.innerType) {
      s = def.innerType;
    } else break;
  }
  return s;
}

function objectOf(schema: AnySchema): z.core.$ZodObject | undefined {
  const s = unwrap(schema);
  const def = s._zod.def as { type: string; options?: AnySchema[] };
  if (def.type === 'object') return s as z.core.$ZodObject;
  if (def.type === 'union') {
    for (const option of def.options ?? []) {
      const found = objectOf(option);
      if (found) return found;
    }
  }
  return undefined;
}

function childSchema(schema: AnySchema, segment: PropertyKey): AnySchema | undefined {
  const s = unwrap(schema);
  const def = s._zod.def as {
    type: string;
    element?: AnySchema;
    valueType?: AnySchema;
    options?: AnySchema[];
  };
  if (def.type === 'array') return def.element;
  if (def.type === 'record') return def.valueType;
  if (def.type === 'union') {
    for (const option of def.options ?? []) {
      const child = childSchema(option, segment);
      if (child) return child;
    }
    return undefined;
  }
  if (def.type === 'object') return (s as z.core.$ZodObject)._zod.def.shape[String(segment)];
  return undefined;
}

/** Zod's findings as messages a person can act on, each with its model path. */
export function issuesFromZod(
  error: z.core.$ZodError,
  schema: AnySchema,
  input: unknown,
  prefix: ModelPath,
  displayPrefix: ModelPath,
): ModelIssue[] {
  const out: ModelIssue[] = [];
  for (const issue of error.issues) {
    const local = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const where = (extra: ModelPath = []) => formatPath([...displayPrefix, ...local, ...extra]);
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeysAt(schema, local);
      for (const key of issue.keys) {
        const hint =
          didYouMean(key, allowed) || (allowed.length ? `; expected one of: ${allowed.join(', ')}` : '');
        const at = local.length ? ` in ${where()}` : '';
        out.push({
          severity: 'error',
          message: `unknown key '${key}'${at}${hint}`,
          path: [...prefix, ...local, key],
          atKey: true,
        });
      }
      continue;
    }
    if (issue.code === 'invalid_type' && valueAt(input, local) === undefined) {
      const key = local[local.length - 1];
      out.push({
        severity: 'error',
        message: `${formatPath([...displayPrefix, ...local.slice(0, -1)])}: '${String(key)}' is required`,
        path: [...prefix, ...local],
      });
      continue;
    }
    if (issue.code === 'invalid_type') {
      const got = describeValue(valueAt(input, local));
      out.push({
        severity: 'error',
        message: `${where()}: expected ${issue.expected}, got ${got}`,
        path: [...prefix, ...local],
      });
      continue;
    }
    out.push({ severity: 'error', message: `${where()}: ${issue.message}`, path: [...prefix, ...local] });
  }
  return out;
}

function valueAt(input: unknown, path: readonly (string | number)[]): unknown {
  let v: unknown = input;
  for (const p of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, p)) return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}
