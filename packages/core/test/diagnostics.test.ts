import { describe, expect, it } from 'vitest';
import { type Diagnostic, validate } from '../src/index.js';

/** The one diagnostic of a file, as [severity, line, col, message]. */
function only(text: string): [string, number, number, string] {
  const { diagnostics } = validate(text);
  expect(diagnostics, JSON.stringify(diagnostics)).toHaveLength(1);
  const d = diagnostics[0] as Diagnostic;
  return [d.severity, d.line, d.col, d.message];
}

describe('diagnostics name the problem, its line and column, and the fix', () => {
  it('YAML syntax error', () => {
    expect(only('version: 1\nstages:\n  - id: a\n    pattern: [parallel_independent\n')).toEqual([
      'error',
      5,
      1,
      'YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
    expect(only('primary_agent: a\nprimary_agent: b\n')).toEqual([
      'error',
      2,
      1,
      "YAML syntax: Map keys must be unique: 'primary_agent' is given twice in one mapping",
    ]);
  });

  it('unknown key, with a suggestion (seed form and nested)', () => {
    expect(only('primary_agent: fastapi-backend-expert\nreviewers:\n  - architecture-guardian\n')).toEqual([
      'error',
      2,
      1,
      "unknown key 'reviewers' (did you mean 'reviewer_agents'?)",
    ]);
    expect(
      only(
        'version: 1\nstages:\n  - id: a\n    pattern: parallel_independent\n    tasks:\n      - agent: comment-cleaner\n        tsak: typo\n',
      ),
    ).toEqual(['error', 7, 9, "unknown key 'tsak' in stages[0].tasks[0] (did you mean 'task'?)"]);
  });

  it('unknown pattern, with a suggestion and the seven names', () => {
    const [severity, line, col, message] = only(
      'version: 1\nstages:\n  - id: a\n    pattern: paralel_independent\n    tasks: []\n',
    );
    expect([severity, line, col]).toEqual(['error', 4, 14]);
    expect(message).toMatch(
      /^unknown pattern 'paralel_independent' \(did you mean 'parallel_independent'\?\); expected one of parallel_independent, /,
    );
  });

  it('a seed file whose keys tell no pattern names what it found and what it expected', () => {
    const [, line, col, message] = only('agents_list: [a]\nmax_concurrent: 2\n');
    expect([line, col]).toEqual([1, 1]);
    expect(message).toContain('found (agents_list, max_concurrent)');
    expect(message).toContain('expected one of fan_out, fan_in, conditional_logic, phases, primary_agent');
  });

  it('unknown agent, with a suggestion', () => {
    expect(
      only(
        'version: 1\nstages:\n  - id: a\n    pattern: parallel_independent\n    tasks:\n      - agent: comment-cleanr\n',
      ),
    ).toEqual([
      'error',
      6,
      16,
      "unknown agent 'comment-cleanr' (did you mean 'comment-cleaner'?); define it under \"agents:\" or in the agent registry",
    ]);
  });

  it('an inline agent is known', () => {
    const text =
      'version: 1\nagents:\n  my-agent: { runtime: { kind: simulated } }\nstages:\n  - pattern: parallel_independent\n    tasks: [{ agent: my-agent }]\n';
    expect(validate(text).diagnostics).toEqual([]);
  });

  it('duplicate ids: stages and tasks', () => {
    expect(
      only(
        'version: 1\nstages:\n  - id: a\n    pattern: parallel_independent\n    tasks: [{agent: comment-cleaner}]\n  - id: a\n    pattern: parallel_independent\n    tasks: [{agent: comment-cleaner}]\n',
      ),
    ).toEqual(['error', 6, 9, "duplicate stage id 'a' (also stage 0): give each stage its own id"]);
    expect(
      only(
        'version: 1\nstages:\n  - id: a\n    pattern: parallel_independent\n    tasks:\n      - { id: x, agent: comment-cleaner }\n      - { id: x, agent: comment-cleaner }\n',
      ),
    ).toEqual(['error', 7, 15, "duplicate step id 'a.x': give each task its own id"]);
  });

  it('needs cycle, and needs naming no stage', () => {
    expect(
      only(
        'version: 1\nstages:\n  - id: a\n    pattern: parallel_independent\n    needs: [b]\n    tasks: [{agent: comment-cleaner}]\n  - id: b\n    pattern: parallel_independent\n    needs: [a]\n    tasks: [{agent: comment-cleaner}]\n',
      ),
    ).toEqual(['error', 5, 13, 'needs cycle: a → b → a; a stage cannot wait for itself']);
    expect(
      only(
        'version: 1\nstages:\n  - id: build\n    pattern: parallel_independent\n    tasks: [{agent: comment-cleaner}]\n  - id: b\n    pattern: parallel_independent\n    needs: [buidl]\n    tasks: [{agent: comment-cleaner}]\n',
      ),
    ).toEqual([
      'error',
      8,
      13,
      "needs 'buidl', which is no stage (did you mean 'build'?); the stages are: build, b",
    ]);
  });

  it('after naming no sync point, and a duplicate sync point', () => {
    expect(
      only(
        'parallel_execution: true\nsync_points: [contract, testing]\ntasks:\n  - agent: comment-cleaner\n    after: contrat\n',
      ),
    ).toEqual([
      'error',
      5,
      12,
      "'after: contrat' names no sync point (did you mean 'contract'?); the sync points are: contract, testing",
    ]);
    expect(only('sync_points: [contract, contract]\ntasks: [{ agent: comment-cleaner }]\n')).toEqual([
      'error',
      1,
      25,
      "duplicate sync point 'contract': each sync point needs its own name",
    ]);
  });

  it('a branch without an agent', () => {
    expect(
      only(
        'conditional_logic:\n  analyzer: architecture-guardian\n  branches:\n    - condition: high_complexity\n      agent: codebase-cleaner\n    - condition: simple_cleanup\n',
      ),
    ).toEqual([
      'error',
      6,
      7,
      'branch \'simple_cleanup\' has no agent: add "agent:" to say who runs when it is chosen',
    ]);
  });

  it('an empty stage is a warning, and the file stays valid', () => {
    const result = validate(
      'version: 1\nstages:\n  - id: a\n    pattern: fan_out_fan_in\n    fan_out: { agent: comment-cleaner, tasks: [] }\n    fan_in: { agent: comment-cleaner }\n',
    );
    expect(result.diagnostics.map((d) => [d.severity, d.line, d.col, d.message])).toEqual([
      ['warning', 3, 5, 'this stage is empty: add fan_out tasks'],
    ]);
    expect(result.ok).toBe(true);
  });

  it('wrong types and missing keys', () => {
    expect(
      only('version: 1\nstages:\n  - id: a\n    pattern: parallel_independent\n    max_concurrent: zero\n'),
    ).toEqual(['error', 5, 21, 'stages[0].max_concurrent: expected number, got text "zero"']);
    expect(
      only(
        'version: 1\nstages:\n  - id: a\n    pattern: parallel_independent\n    tasks:\n      - task: no agent here\n',
      ),
    ).toEqual(['error', 6, 9, "stages[0].tasks[0]: 'agent' is required"]);
    expect(only('version: 1\nstages:\n  - pattern: parallel_independent\n    max_concurrent: 0\n')).toEqual([
      'error',
      4,
      21,
      'stages[0].max_concurrent: max_concurrent must be at least 1',
    ]);
  });

  it('an empty file says what to write', () => {
    const [, line, col, message] = only('');
    expect([line, col]).toEqual([1, 1]);
    expect(message).toMatch(/the file is empty/);
  });
});

describe('edge cases found in review', () => {
  it('a zero timeout is refused: it would fail every attempt at once', () => {
    const [severity, line, , message] = only('version: 1\ndefaults: { timeout: 0s }\nstages: []\n');
    expect([severity, line]).toEqual(['error', 2]);
    expect(message).toMatch(/a timeout must be longer than zero/);
  });

  it('names of built-in object properties are not agents', () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty']) {
      const errors = validate(`primary_agent: ${name}\nreviewer_agents: [pytest-test-master]\n`).diagnostics;
      expect(errors.map((d) => d.message)).toEqual([
        expect.stringMatching(new RegExp(`^unknown agent '${name}'`)),
      ]);
    }
  });
});
