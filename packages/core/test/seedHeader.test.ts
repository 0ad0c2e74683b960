import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Orchestration, parse, seedFormBlocker, serialize } from '../src/index.js';

const STAGE = { pattern: 'primary_with_reviewers', primary_agent: 'fastapi-backend-expert' } as const;
const named = (name?: string, description?: string): Orchestration => ({
  version: 1,
  ...(name !== undefined ? { name } : {}),
  ...(description !== undefined ? { description } : {}),
  stages: [{ ...STAGE }],
});

describe('a named one-stage orchestration exports to seed form, its name and description as a leading comment', () => {
  it('writes # name: and # description: first, and import reads them back', () => {
    const document = named('Add a role field', 'Migration, then API, then frontend');
    expect(seedFormBlocker(document)).toBeNull();
    const text = serialize(document, { form: 'seed' });
    expect(text).toBe(
      '# name: Add a role field\n# description: Migration, then API, then frontend\nprimary_agent: fastapi-backend-expert\n',
    );
    const back = parse(text);
    expect(back.form).toBe('seed');
    expect(back.document).toEqual(document);
    // Unedited, the same text again.
    expect(serialize(back.document!, { form: 'seed', source: back.source })).toBe(text);
  });

  it('the full form of a named orchestration converts to seed and back to the same model', () => {
    const full = parse(
      'version: 1\nname: Payments\ndescription: Reviewed twice\nstages:\n  - pattern: primary_with_reviewers\n    primary_agent: fastapi-backend-expert\n',
    );
    const seed = serialize(full.document!, { form: 'seed' });
    expect(seed.startsWith('# name: Payments\n# description: Reviewed twice\n')).toBe(true);
    expect(parse(seed).document).toEqual(full.document);
  });

  it('renaming an imported seed file replaces its header and keeps its other comments', () => {
    const original = '# name: Old\n# A note of mine\nprimary_agent: fastapi-backend-expert # the builder\n';
    const parsed = parse(original);
    expect(parsed.document?.name).toBe('Old');
    const renamed = { ...parsed.document!, name: 'New' };
    const text = serialize(renamed, { form: 'seed', source: parsed.source });
    expect(text).toBe('# name: New\n# A note of mine\nprimary_agent: fastapi-backend-expert # the builder\n');
    const cleared = { ...parsed.document! };
    delete cleared.name;
    expect(serialize(cleared, { form: 'seed', source: parsed.source })).toBe(
      '# A note of mine\nprimary_agent: fastapi-backend-expert # the builder\n',
    );
  });

  it('the stage’s id, name and description (the editor sets them) travel too; a bad id is left out, saying so', () => {
    const document: Orchestration = {
      version: 1,
      name: 'Payments',
      stages: [{ ...STAGE, id: 'review', name: 'Review the API', description: 'Two reviewers' }],
    };
    expect(seedFormBlocker(document)).toBeNull();
    const text = serialize(document, { form: 'seed' });
    expect(text).toBe(
      '# name: Payments\n# stage id: review\n# stage name: Review the API\n# stage description: Two reviewers\nprimary_agent: fastapi-backend-expert\n',
    );
    expect(parse(text).document).toEqual(document);
    const bad = parse('# stage id: not an id!\nprimary_agent: fastapi-backend-expert\n');
    expect(bad.document?.stages[0]?.id).toBeUndefined();
    expect(bad.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringMatching(/stage id 'not an id!' is not an id/),
      }),
    ]);
  });

  it('what the seed form still has no place for is refused, saying what', () => {
    expect(seedFormBlocker({ ...named('x'), defaults: { retries: 1 } })).toMatch(/no place for defaults/);
    expect(seedFormBlocker({ version: 1, stages: [{ ...STAGE, timeout: '5m' }] })).toMatch(/stage's timeout/);
  });

  it('a seed file without such a comment has no name; other leading comments are not one', () => {
    expect(parse('# Reviews happen in parallel\nprimary_agent: a\n').document?.name).toBeUndefined();
    expect(parse('primary_agent: a\n# name: not leading\n').document?.name).toBeUndefined();
  });

  it('any name and description round-trip: quotes, #, line breaks, spaces at the ends, empty, unicode', () => {
    fc.assert(
      fc.property(
        fc.option(fc.string(), { nil: undefined }),
        fc.option(fc.string({ unit: 'grapheme' }), { nil: undefined }),
        (name, description) => {
          const document = named(name, description);
          const text = serialize(document, { form: 'seed' });
          const back = parse(text);
          expect(back.form).toBe('seed');
          expect(back.document).toEqual(document);
        },
      ),
      { numRuns: 300 },
    );
    for (const tricky of [
      '"quoted"',
      ' padded ',
      'a\nb',
      'line\u2028sep',
      '\u00a0',
      '',
      '# not a comment',
      'name: x',
      'tab\there',
    ]) {
      expect(parse(serialize(named(tricky), { form: 'seed' })).document?.name).toBe(tricky);
    }
  });
});
