import { z } from 'zod';
import { YAML_LIMITS } from '../yaml/limits.js';
import { describeValue } from './describeValue.js';
import { DURATION_PATTERN, MAX_DURATION_MS, MAX_DURATION_TEXT, parseDuration } from './duration.js';
import { RESERVED_NAME, reservedNameMessage } from './reservedName.js';

/**
 * The field schemas shared by the file's top level and by every pattern's keys
 * (each packages/core/src/patterns/<pattern>/keys.ts): ids, names, agent names, durations, step settings and
 * the plain task. A module of their own so that pattern folders can import them without
 * importing schema.ts, which imports the pattern folders.
 */

const ID_PATTERN = /^[A-Za-z0-9_-]+$/;
// `__proto__` as a name would become a key of the run's state and of agent catalogues.
const notReserved = (name: string) => name !== RESERVED_NAME;
// Names are short labels; a bound keeps messages that quote them (and suggestions) small.
const NAME_TOO_LONG = `a name or id is at most ${YAML_LIMITS.maxNameLength} characters`;
export const nameText = () => z.string().max(YAML_LIMITS.maxNameLength, NAME_TOO_LONG);
export const idSchema = z
  .string()
  .max(YAML_LIMITS.maxNameLength, NAME_TOO_LONG)
  .regex(ID_PATTERN, 'an id may hold only letters, digits, "_" and "-" (no dots or spaces)')
  .refine(notReserved, reservedNameMessage('an id'));
export const agentName = z
  .string()
  .min(1, 'an agent name must not be empty')
  .max(YAML_LIMITS.maxNameLength, NAME_TOO_LONG)
  .refine(notReserved, reservedNameMessage('an agent name'));

const TOO_LONG = `a duration must be at most ${MAX_DURATION_TEXT}, i.e. ${MAX_DURATION_MS} ms`;
export const durationSchema = z
  .union(
    [
      z.number().nonnegative('a duration must not be negative').max(MAX_DURATION_MS, TOO_LONG),
      z
        .string()
        .regex(DURATION_PATTERN, 'a duration is a number of milliseconds or text like 250ms, 2s, 5m, 1h'),
    ],
    // Neither a number nor text: say what it is (1e309 is a number too large, read as infinity).
    {
      error: (issue) =>
        `a duration is a number of milliseconds or text like 250ms, 2s, 5m, 1h, at most ${MAX_DURATION_TEXT}; got ${describeValue(issue.input)}`,
    },
  )
  // "400 digits h" matches the pattern but overflows to infinity: refused with the range.
  .refine((d) => (parseDuration(d) ?? 0) <= MAX_DURATION_MS, TOO_LONG);

/** A step's time limit: a duration above zero (a zero limit would fail every attempt at once). */
export const timeoutSchema = durationSchema.refine(
  (d) => (typeof d === 'number' ? d > 0 : !/^0+(\.0+)?\s*(ms|s|m|h)$/.test(d)),
  'a timeout must be longer than zero',
);

export const stepSettings = {
  timeout: timeoutSchema.optional(),
  retries: z.number().int().min(0).max(10).optional(),
  fallback_agent: agentName.optional(),
};

export const taskFields = {
  id: idSchema.optional(),
  agent: agentName,
  task: z.string().optional(),
  checklist: z.array(z.string()).optional(),
  produces: z.string().optional(),
  ...stepSettings,
};
export const taskSchema = z.strictObject(taskFields);
