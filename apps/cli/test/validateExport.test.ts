import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@baton/core';
import { describe, expect, it } from 'vitest';
import { runBaton } from './runBaton.js';

const tmp = mkdtempSync(join(tmpdir(), 'baton-cli-'));
const write = (name: string, text: string | Buffer) => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};

describe('baton validate', () => {
  it('accepts every example and exits 0', () => {
    const r = runBaton([
      'validate',
      'examples/seed/4-primary-with-reviewers.baton.yaml',
      'examples/full-stack-feature.baton.yaml',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('examples/full-stack-feature.baton.yaml: ok (full form, 3 stages, 6 steps)');
  });

  it('prints file:line:col: severity: message and exits 1 on an error', () => {
    const bad = write(
      'bad.baton.yaml',
      'primary_agent: fastapi-backend-expert\nreviewers: [architecture-guardian]\n',
    );
    const r = runBaton(['validate', bad]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(
      `${bad}:2:1: error: unknown key 'reviewers' (did you mean 'reviewer_agents'?)`,
    );
  });

  it('prints warnings but exits 0 when there is no error', () => {
    const r = runBaton(['validate', 'examples/seed/1-parallel-independent.baton.yaml']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      'examples/seed/1-parallel-independent.baton.yaml:1:1: warning: this stage is empty',
    );
  });

  it('reports a missing file and non-UTF-8 bytes as diagnostics, exit 1', () => {
    const latin1 = write('latin1.baton.yaml', Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]));
    const r = runBaton(['validate', join(tmp, 'nope.yaml'), latin1]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('nope.yaml:1:1: error: cannot read the file: no such file');
    expect(r.stderr).toMatch(/latin1\.baton\.yaml:1:4: error: the file is not UTF-8/);
  });

  it('an overlong, a truncated and an encoded-surrogate sequence: each at its own byte, exit 1', () => {
    const at = (name: string, bad: number[]) =>
      write(
        name,
        Buffer.concat([
          Buffer.from('primary_agent: a\nprimary_task: "é'),
          Buffer.from(bad),
          Buffer.from('"\n'),
        ]),
      );
    const r = runBaton([
      'validate',
      at('overlong.baton.yaml', [0xc0, 0xaf]),
      at('truncated.baton.yaml', [0xe2, 0x82]),
      at('surrogate.baton.yaml', [0xed, 0xb0, 0x80]),
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/overlong\.baton\.yaml:2:17: error: .*byte 0xc0 at offset 34 .*overlong/);
    expect(r.stderr).toMatch(
      /truncated\.baton\.yaml:2:17: error: .*byte 0xe2 at offset 34 .*truncated 3-byte/,
    );
    expect(r.stderr).toMatch(/surrogate\.baton\.yaml:2:17: error: .*byte 0xed at offset 34 .*surrogate/);
  });

  it('wrong usage exits 2 with the usage text', () => {
    expect(runBaton(['validate']).status).toBe(2);
    const unknown = runBaton(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    expect(runBaton(['validate', '--bogus', 'x']).status).toBe(2);
  });
});

describe('baton export', () => {
  it('seed → full → seed gives back the same model; full form to a file with -o', () => {
    const out = join(tmp, 'full.baton.yaml');
    const toFull = runBaton([
      'export',
      'examples/seed/6-fan-out-fan-in.baton.yaml',
      '--format',
      'full',
      '-o',
      out,
    ]);
    expect(toFull.status).toBe(0);
    const full = readFileSync(out, 'utf8');
    expect(full).toMatch(/^version: 1\nstages:\n {2}- pattern: fan_out_fan_in\n/);
    const back = runBaton(['export', out, '--format', 'seed']);
    expect(back.status).toBe(0);
    const original = readFileSync('examples/seed/6-fan-out-fan-in.baton.yaml', 'utf8');
    expect(parse(back.stdout).document).toEqual(parse(original).document);
  });

  it('an unedited seed file exported to seed form is the same text', () => {
    const r = runBaton(['export', 'examples/seed/4-primary-with-reviewers.baton.yaml', '--format', 'seed']);
    expect(r.stdout).toBe(readFileSync('examples/seed/4-primary-with-reviewers.baton.yaml', 'utf8'));
  });

  it('mermaid: one subgraph per stage, one node per step', () => {
    const r = runBaton(['export', 'examples/full-stack-feature.baton.yaml', '--format', 'mermaid']);
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('flowchart TD\n')).toBe(true);
    expect(r.stdout.match(/^ {2}subgraph /gm)).toHaveLength(3);
    expect(r.stdout).toContain('review_primary --> review_reviewer_0');
    expect(r.stdout).toContain('ship_task_0 ==> ship_task_1');
    expect(r.stdout).toContain('stage_build --> stage_review');
  });

  it('a combination cannot be written in seed form: exit 1 with the reason', () => {
    const r = runBaton(['export', 'examples/full-stack-feature.baton.yaml', '--format', 'seed']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      'cannot export as seed: the seed form holds exactly one stage; this orchestration has 3',
    );
  });

  it('a named one-stage orchestration exports to seed form: name and description as a leading comment, read back', () => {
    const seed = runBaton(['export', 'examples/full/2-sequential-handoff.baton.yaml', '--format', 'seed']);
    expect(seed.stderr).toBe('');
    expect(seed.status).toBe(0);
    expect(
      seed.stdout.startsWith(
        '# name: Add new user role field\n# description: Database migration, then API update, then frontend update\n# stage id: role-field\n# stage name: Migration to frontend\nparallel_execution: false\n',
      ),
    ).toBe(true);
    const file = write('named-seed.baton.yaml', seed.stdout);
    const full = runBaton(['export', file, '--format', 'full']);
    expect(full.status).toBe(0);
    expect(full.stdout).toMatch(
      /^version: 1\nname: Add new user role field\ndescription: Database migration, then API update, then frontend update\nstages:\n/,
    );
    const again = runBaton(['export', write('named-full.baton.yaml', full.stdout), '--format', 'seed']);
    expect(again.stdout).toBe(seed.stdout);
  });

  it('an unknown format is wrong usage', () => {
    const r = runBaton(['export', 'examples/full-stack-feature.baton.yaml', '--format', 'xml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--format must be one of full, seed, mermaid, not 'xml'");
  });
});
