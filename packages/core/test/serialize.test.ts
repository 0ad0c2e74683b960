import { describe, expect, it } from 'vitest';
import { parse, SerializeError, serialize } from '../src/index.js';
import type { Orchestration } from '../src/model/types.js';

const FILE = `# Payment work, reviewed twice
version: 1
name: Payments # the name people see
stages:
  # The build comes first
  - id: build
    pattern: primary_with_reviewers
    primary_agent: "fastapi-backend-expert" # quoted on purpose
    reviewer_agents:
      - architecture-guardian # security eyes
      - pytest-test-master
  - id: cleanup
    pattern: conditional_branching
    conditional_logic:
      analyzer: architecture-guardian
      branches:
        - condition: high_complexity # the big one
          agent: codebase-cleaner
`;

describe('serialize keeps a user’s file', () => {
  it('keeps the comments, quotes and order of the parts not edited', () => {
    const { document, source } = parse(FILE);
    const edited = structuredClone(document!) as Orchestration;
    const stage = edited.stages[0];
    if (stage?.pattern !== 'primary_with_reviewers') throw new Error('fixture');
    stage.reviewer_agents = [...(stage.reviewer_agents ?? []), 'codebase-cleaner'];
    const text = serialize(edited, { source });
    expect(text).toContain('# Payment work, reviewed twice');
    expect(text).toContain('name: Payments # the name people see');
    expect(text).toContain('# The build comes first');
    expect(text).toContain('primary_agent: "fastapi-backend-expert" # quoted on purpose');
    expect(text).toContain('- architecture-guardian # security eyes');
    expect(text).toContain('- condition: high_complexity # the big one');
    expect(text).toMatch(/- pytest-test-master\n\s+- codebase-cleaner\n/);
    expect(parse(text).document).toEqual(edited);
  });

  it('removes a deleted stage and keeps the rest', () => {
    const { document, source } = parse(FILE);
    const edited = { ...document!, stages: document!.stages.slice(0, 1) };
    const text = serialize(edited, { source });
    expect(text).not.toContain('cleanup');
    expect(text).toContain('- architecture-guardian # security eyes');
    expect(parse(text).document).toEqual(edited);
  });

  it('writes new documents with stage keys in reading order', () => {
    const doc: Orchestration = {
      version: 1,
      stages: [
        {
          pattern: 'fan_out_fan_in',
          id: 'svc',
          fan_out: { agent: 'a', tasks: ['x'] },
          fan_in: { agent: 'b' },
        },
      ],
    };
    expect(serialize(doc)).toBe(
      'version: 1\nstages:\n  - id: svc\n    pattern: fan_out_fan_in\n    fan_out:\n      agent: a\n      tasks:\n        - x\n    fan_in:\n      agent: b\n',
    );
  });

  it('refuses the seed form for what it cannot hold, saying why', () => {
    const { document } = parse(FILE);
    expect(() => serialize(document!, { form: 'seed' })).toThrow(SerializeError);
    expect(() => serialize(document!, { form: 'seed' })).toThrow(
      /exactly one stage; this orchestration has 2/,
    );
    const one = { ...document!, stages: document!.stages.slice(0, 1) };
    // The name and the stage's id travel as a comment; defaults have no place.
    expect(serialize(one, { form: 'seed' })).toMatch(/^# name: Payments\n# stage id: build\n/);
    expect(() => serialize({ ...one, defaults: { retries: 1 } }, { form: 'seed' })).toThrow(
      /no place for defaults/,
    );
  });
});
