import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AgentInfo, BUILTIN_AGENTS, runtimeKindOf } from '@baton/core';
import { loadAgentRegistry } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { compileYaml, run } from './helpers.js';

function registryDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'baton-registry-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const reviewer = `---
name: security-reviewer
description: Reviews code for security issues
tools: Read, Grep, Glob
model: sonnet
color: red
---
You are a security reviewer.

Flag injection, secrets in code and missing auth checks.
`;

describe('loadAgentRegistry', () => {
  it('reads Claude Code agent files and baton.agents.yaml over the built-in agents', () => {
    const dir = registryDir({
      '.claude/agents/security-reviewer.md': reviewer,
      '.claude/agents/tester.md': `---\ndescription: Runs tests\nruntime:\n  kind: command\n  command: [npm, test]\n---\nRun the tests.\n`,
      'baton.agents.yaml': `security-reviewer:\n  runtime: { kind: simulated, duration: 1s, verdict: approve }\n  retries: 2\nfastapi-backend-expert:\n  runtime: { kind: http, url: "http://127.0.0.1:9/agent" }\n`,
    });
    const { catalog, diagnostics } = loadAgentRegistry(dir);
    // A file without `name:` still loads, named after the file, with a warning (Claude Code needs a name).
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', file: '.claude/agents/tester.md', agent: 'tester' }),
    ]);
    expect(catalog['security-reviewer']).toEqual({
      name: 'security-reviewer',
      source: 'file',
      file: join(dir, '.claude/agents/security-reviewer.md'),
      description: 'Reviews code for security issues',
      tools: 'Read, Grep, Glob',
      model: 'sonnet',
      system_prompt:
        'You are a security reviewer.\n\nFlag injection, secrets in code and missing auth checks.',
      runtime: { kind: 'simulated', duration: '1s', verdict: 'approve' },
      retries: 2,
    });
    // The file name names an agent without `name:`; its runtime comes from the front matter.
    expect(catalog.tester).toMatchObject({
      source: 'file',
      runtime: { kind: 'command', command: ['npm', 'test'] },
    });
    // A registry agent of a built-in's name replaces it; the other built-ins stay.
    expect(catalog['fastapi-backend-expert']).toMatchObject({ source: 'file', runtime: { kind: 'http' } });
    expect(catalog['general-purpose']).toBe(BUILTIN_AGENTS['general-purpose']);
  });

  it('reports bad files with their line, leaves them out, and loads the rest', () => {
    const dir = registryDir({
      '.claude/agents/good.md': reviewer,
      '.claude/agents/no-front-matter.md': 'Just a prompt.\n',
      '.claude/agents/bad-yaml.md': '---\nname: broken\ndescription: [unclosed\n---\nbody\n',
      '.claude/agents/bad-runtime.md':
        '---\nname: wrong\nruntime: { kind: command }\nmystery: 1\n---\nbody\n',
      '.claude/agents/notes.txt': 'not an agent',
      'baton.agents.yaml':
        'ok-agent:\n  runtime: { kind: simulated }\nbad-agent:\n  runtime: { kind: teleport }\n',
    });
    const { catalog, diagnostics } = loadAgentRegistry(dir);
    expect(catalog['security-reviewer']).toBeDefined();
    expect(catalog['ok-agent']).toBeDefined();
    for (const name of ['broken', 'wrong', 'bad-agent', 'no-front-matter'])
      expect(catalog[name]).toBeUndefined();
    const byFile = (suffix: string) => diagnostics.filter((d) => d.file.endsWith(suffix));
    expect(byFile('no-front-matter.md')[0]).toMatchObject({ severity: 'error', line: 1 });
    expect(byFile('bad-yaml.md')[0]).toMatchObject({ severity: 'error', line: 3 });
    expect(byFile('bad-runtime.md').map((d) => [d.severity, d.message])).toEqual([
      ['warning', "no 'description:' in the front matter (Claude Code needs one to choose the agent)"],
      ['warning', "agent 'wrong': key 'mystery' is not read by Baton or Claude Code"],
      ['error', expect.stringMatching(/^agent 'wrong': runtime\.command: /)],
    ]);
    expect(byFile('baton.agents.yaml')[0]).toMatchObject({ severity: 'error', line: 3 });
    expect(byFile('baton.agents.yaml')[0]?.message).toMatch(/^agent 'bad-agent': runtime/);
  });

  it('reports a folder that does not exist, with the built-ins still there', () => {
    const { catalog, diagnostics } = loadAgentRegistry('/no/such/folder');
    expect(diagnostics).toEqual([{ severity: 'error', file: '/no/such/folder', message: 'no such folder' }]);
    expect(catalog).toEqual(BUILTIN_AGENTS);
  });

  it('refuses an alias bomb in baton.agents.yaml', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${prev}`).join(', ')}]`,
      );
    }
    const dir = registryDir({ 'baton.agents.yaml': `${bomb.join('\n')}\n` });
    const { diagnostics } = loadAgentRegistry(dir);
    expect(diagnostics[0]?.message).toMatch(/alias/i);
  });

  // Changed with issue 9: a file agent without `runtime:` is a Claude Code agent (claude runtime),
  // no longer simulated; a dry run (`simulate`) runs it as its simulated stand-in.
  it('an agent from a file runs like any other (a dry run: simulated)', async () => {
    const dir = registryDir({ '.claude/agents/security-reviewer.md': reviewer });
    const { catalog } = loadAgentRegistry(dir);
    expect(runtimeKindOf(catalog['security-reviewer'] as AgentInfo)).toBe('claude');
    const yaml = `version: 1
stages:
  - { id: s, pattern: parallel_independent, tasks: [{ agent: security-reviewer, task: Audit }] }
`;
    const { state, invocations } = await run(compileYaml(yaml, catalog), {
      agentsCatalog: catalog,
      simulate: true,
    });
    expect(state.status).toBe('succeeded');
    expect(invocations[0]?.definition.system_prompt).toMatch(/^You are a security reviewer/);
  });

  it('keeps agents named like Object’s own properties as agents of their own', () => {
    const dir = registryDir({
      'baton.agents.yaml': '__proto__: { description: odd one }\nconstructor: { description: odder }\n',
      '.claude/agents/x.md': '---\nname: toString\ndescription: a file agent\n---\nHello.\n',
    });
    const { catalog, diagnostics } = loadAgentRegistry(dir);
    expect(diagnostics).toEqual([]);
    expect(Object.getPrototypeOf(catalog)).toBe(Object.prototype);
    for (const name of ['__proto__', 'constructor', 'toString'])
      expect(Object.hasOwn(catalog, name)).toBe(true);
    const own = (name: string) =>
      Object.getOwnPropertyDescriptor(catalog, name)?.value as AgentInfo | undefined;
    expect(own('__proto__')?.description).toBe('odd one');
    expect(own('constructor')?.description).toBe('odder');
    expect(own('toString')?.system_prompt).toBe('Hello.');
  });
});
