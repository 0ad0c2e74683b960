import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileJsonSchema } from '../src/index.js';

describe('the JSON Schema for editors', () => {
  it('the committed schema/baton.schema.json is the one the build writes', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../schema/baton.schema.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(fileJsonSchema());
  });

  it('describes both forms: the full form and each seed pattern', () => {
    const schema = fileJsonSchema() as { anyOf: { description?: string }[] };
    expect(schema.anyOf.map((s) => s.description)).toEqual([
      'Full form: an orchestration of stages',
      'Seed form: parallel_independent',
      'Seed form: sequential_handoff',
      'Seed form: parallel_with_sync',
      'Seed form: primary_with_reviewers',
      'Seed form: incremental_validation',
      'Seed form: fan_out_fan_in',
      'Seed form: conditional_branching',
    ]);
  });
});
