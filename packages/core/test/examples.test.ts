import { describe, expect, it } from 'vitest';
import { parse, serialize, validate } from '../src/index.js';
import { exampleFiles } from './exampleFiles.js';

const examples = exampleFiles();

describe('examples', () => {
  it('has the seven seed snippets, the seven full forms, the combination and the large example', () => {
    const names = examples.map((e) => e.name);
    expect(names.filter((n) => n.startsWith('seed/'))).toHaveLength(7);
    expect(names.filter((n) => n.startsWith('full/'))).toHaveLength(7);
    expect(names).toContain('full-stack-feature.baton.yaml');
    expect(names).toContain('large-1000-steps.baton.yaml');
  });

  it.each(examples)('$name validates with no error', ({ text }) => {
    const result = validate(text);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.plan).not.toBeNull();
  });

  it('the large example has exactly 1,000 steps', () => {
    const large = examples.find((e) => e.name === 'large-1000-steps.baton.yaml');
    expect(validate(large?.text ?? '').plan?.steps).toHaveLength(1000);
  });

  it.each(examples)(
    '$name: an unchanged file is written back byte for byte, comments included',
    ({ text }) => {
      const { document, source } = parse(text);
      expect(document).not.toBeNull();
      expect(serialize(document!, { source })).toBe(text);
    },
  );

  it.each(examples)('$name: parse → serialize (full) → parse gives an equal model', ({ text }) => {
    const { document } = parse(text);
    const written = serialize(document!, { form: 'full' });
    const again = parse(written);
    expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(again.form).toBe('full');
    expect(again.document).toEqual(document);
  });

  const seedSnippets = examples.filter((e) => e.name.startsWith('seed/'));
  it.each(seedSnippets)('$name: exported in seed form it parses back to the same model', ({ text }) => {
    const { document, form } = parse(text);
    expect(form).toBe('seed');
    const written = serialize(document!, { form: 'seed' });
    const again = parse(written);
    expect(again.form).toBe('seed');
    expect(again.document).toEqual(document);
  });

  it.each(seedSnippets)(
    '$name: a seed file exported to seed form without edits is the same text',
    ({ text }) => {
      const { document, source } = parse(text);
      expect(serialize(document!, { form: 'seed', source })).toBe(text);
    },
  );

  it('the full form of each seed pattern converts to seed form and back', () => {
    for (const { text } of examples.filter((e) => e.name.startsWith('seed/'))) {
      const seed = parse(text).document!;
      const full = parse(serialize(seed, { form: 'full' })).document!;
      expect(parse(serialize(full, { form: 'seed' })).document).toEqual(seed);
    }
  });
});
