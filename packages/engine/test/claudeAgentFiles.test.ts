import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AgentInfo, BUILTIN_AGENTS, runtimeKindOf, validate } from '@baton/core';
import { loadAgentRegistry, unavailableAgents } from '@baton/engine';
import { describe, expect, it } from 'vitest';

/** Agent files in the shapes public repositories use (issue 9), written for this test. */
const FIXTURE = fileURLToPath(new URL('./fixtures/claude-agents-real/', import.meta.url));
const AGENTS = '.claude/agents';

/** Every file Claude Code would load: file → [name, start of description, tools as read]. */
const LOADED: Record<string, [string, string, string | string[] | undefined]> = {
  'code-reviewer.md': ['code-reviewer', 'Use this agent when you have written', 'Read, Grep, Glob, Bash'],
  'test-writer.md': [
    'test-writer',
    'Use this agent to write unit and integration tests',
    ['Read', 'Write', 'Edit', 'Bash'],
  ],
  'docs-writer.md': ['docs-writer', 'Writes and updates README files', 'Read, Write, Edit, Glob'],
  'crlf-reviewer.md': [
    'windows-reviewer',
    'Reviews PowerShell and batch scripts. Use it when: a .ps1',
    'Read, Grep',
  ],
  'db-migrator.md': ['db-migrator', 'Plans and writes database migrations', ['Read', 'Edit', 'Bash']],
  'no-model.md': ['changelog-keeper', 'Keeps CHANGELOG.md current', undefined],
  'ux-übersetzer.md': ['übersetzer-ux', 'Übersetzt Oberflächentexte', 'Read, Edit'],
  'long-body.md': [
    'query-optimizer',
    'Use this agent when a database query is slow: it profiles',
    'Read, Bash, Grep',
  ],
  'name-differs.md': ['api-designer', 'Designs REST and GraphQL APIs', 'Read, Write'],
  'release-notes.md': ['Release Notes Writer', 'Turns a list of merged changes', undefined],
  'fastapi-backend-expert.md': [
    'fastapi-backend-expert',
    'Use this agent when you need to build or change FastAPI',
    'Read, Write, Edit, Bash, Grep, Glob',
  ],
  'react-frontend-architect.md': [
    'react-frontend-architect',
    'Use this agent when building React components',
    'Read, Write, Edit, Bash, Glob',
  ],
  'architecture-guardian.md': [
    'architecture-guardian',
    'Use this agent to review architecture',
    'Read, Grep, Glob',
  ],
  'pytest-test-master.md': [
    'pytest-test-master',
    'Use this agent to write and run pytest suites',
    'Read, Write, Edit, Bash',
  ],
  'codebase-cleaner.md': [
    'codebase-cleaner',
    'Use this agent to refactor complex code',
    'Read, Edit, Grep, Glob, Bash',
  ],
  'comment-cleaner.md': ['comment-cleaner', 'Use this agent to clean up comments', 'Read, Edit, Bash'],
  'security-auditor.md': ['security-auditor', 'Audits code for injection', 'Read, Grep, Glob'],
  'perf-profiler.md': ['perf-profiler', 'Profiles CPU and memory: finds hot paths', 'Read, Bash'],
  'block-scalar.md': [
    'incident-responder',
    'Use this agent during a production incident',
    'Read, Bash, Grep',
  ],
  'folded.md': ['dependency-updater', 'Updates dependencies one at a time, reads', 'Read, Edit, Bash'],
  'bom-agent.md': ['style-linter', "Applies the project's lint and format rules", 'Bash, Edit'],
  'devops-engineer.md': [
    'devops-engineer',
    'Use this agent for CI/CD pipelines',
    'Read, Edit, Bash, mcp__github__create_issue, mcp__github__list_workflows',
  ],
  'data-scientist.md': [
    'data-scientist',
    'Data analysis expert: SQL queries, pandas, notebooks. Use proactively for data questions, #1 choice',
    'Bash, Read, Write',
  ],
  'baton-runtime.md': ['quick-checker', 'A fast checker with Baton settings', undefined],
  'command-runner.md': ['unit-test-runner', "Runs the project's unit tests", undefined],
  'sql-expert.md': [
    'sql-expert',
    'Use this agent when writing or reviewing SQL. Examples:\nContext: the user asks',
    'Read, Bash',
  ],
  'i18n-日本語.md': ['翻訳者', '日本語のドキュメント', 'Read, Edit'],
  'mobile-dev.md': [
    'mobile-dev',
    'Builds React Native and Flutter screens',
    ['Read', 'Write', 'Edit', 'Bash'],
  ],
  'git-helper.md': ['git-helper', 'Use this agent for git trouble: rebases gone wrong', 'Bash, Read'],
  'accessibility-checker.md': [
    'accessibility-checker',
    'Checks pages and components against WCAG',
    undefined,
  ],
  'unknown-key.md': ['legacy-agent', 'An agent written for an older tool', 'Read'],
};

/** The files Claude Code would not load either: file → [the line reported, message pattern]. */
const FAILED: Record<string, [number | undefined, RegExp]> = {
  'code-explainer.md': [undefined, /declared by 2 files: .*code-explainer-v2\.md and .*code-explainer\.md/],
  'code-explainer-v2.md': [undefined, /declared by 2 files/],
  'notes.md': [1, /no front matter/],
  'broken-quote.md': [3, /bad YAML: .*quote/i],
  'general-purpose.md': [5, /bad YAML: .*tab/i],
  'unclosed.md': [1, /never closed/],
};

/** Files that hold a value strict YAML rejects and Claude Code reads as text: file → line. */
const TOLERATED: Record<string, number> = {
  'code-reviewer.md': 3,
  'test-writer.md': 3,
  'crlf-reviewer.md': 3,
  'long-body.md': 3,
  'fastapi-backend-expert.md': 3,
  'react-frontend-architect.md': 3,
  'architecture-guardian.md': 3,
  'pytest-test-master.md': 3,
  'codebase-cleaner.md': 3,
  'comment-cleaner.md': 3,
  'devops-engineer.md': 3,
  'data-scientist.md': 3,
  'sql-expert.md': 3,
  'git-helper.md': 3,
};

describe('Claude Code agent files as real repositories write them', () => {
  const registry = loadAgentRegistry(FIXTURE);
  const { catalog, diagnostics, failed } = registry;
  const of = (file: string) => diagnostics.filter((d) => d.file === `${AGENTS}/${file}`);

  it('the fixture has at least 30 agent files, every one of them accounted for here', () => {
    const files = readdirSync(join(FIXTURE, AGENTS)).filter((f) => f.endsWith('.md') && f !== 'README.md');
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(new Set(files)).toEqual(new Set([...Object.keys(LOADED), ...Object.keys(FAILED)]));
  });

  it.each(Object.entries(LOADED))(
    '%s loads with its name, description and tools',
    (file, [name, description, tools]) => {
      const agent = catalog[name] as AgentInfo;
      expect(agent).toBeDefined();
      expect(agent.source).toBe('file');
      expect(agent.file).toBe(join(FIXTURE, AGENTS, file));
      expect(agent.description?.startsWith(description)).toBe(true);
      expect(agent.tools).toEqual(tools);
      expect(agent.system_prompt?.length).toBeGreaterThan(10);
      expect(agent.system_prompt).not.toMatch(/\r|^\uFEFF/);
      expect(of(file).filter((d) => d.severity === 'error')).toEqual([]);
    },
  );

  it.each(Object.entries(FAILED))(
    '%s is reported with its file and line, and not loaded',
    (file, [line, message]) => {
      const errors = of(file).filter((d) => d.severity === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]?.line).toBe(line);
      expect(errors[0]?.message).toMatch(message);
    },
  );

  it('warns, with file and line, for each value read as text; other loadable files load silently', () => {
    for (const [file, line] of Object.entries(TOLERATED)) {
      expect(of(file), file).toEqual([
        expect.objectContaining({
          severity: 'warning',
          line,
          message: expect.stringMatching(/'description'.*plain text/),
        }),
      ]);
    }
    for (const file of Object.keys(LOADED)) {
      if (file in TOLERATED || file === 'unknown-key.md') continue;
      expect(of(file), file).toEqual([]);
    }
    expect(of('unknown-key.md')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: "agent 'legacy-agent': key 'version' is not read by Baton or Claude Code",
      }),
    ]);
    // The README and non-Markdown files are not agents and not problems.
    expect(diagnostics.some((d) => /README|notes\.txt/.test(d.file))).toBe(false);
  });

  it('reads the multi-line values a strict parser rejects as the text they are', () => {
    expect(catalog['test-writer']?.description).toContain(
      '<example>\nContext: A new utility module has no tests yet.',
    );
    expect(catalog['test-writer']?.description).toMatch(/<\/example>$/);
    expect(catalog['git-helper']?.description).toMatch(
      /interactive rebase\.\nNever force-pushes a shared branch without asking\.$/,
    );
    expect(catalog['git-helper']?.model).toBe('claude-opus-4-1');
    expect(catalog['sql-expert']?.model).toBe('sonnet');
    expect(catalog['query-optimizer']?.system_prompt?.length).toBeGreaterThan(18_000);
    expect(catalog['übersetzer-ux']?.system_prompt).toContain('日本語の場合は');
  });

  it('carries model and Claude Code settings for the claude runtime; no runtime means claude', () => {
    expect(catalog['security-auditor']).toMatchObject({
      model: 'opus',
      permission_mode: 'plan',
      max_turns: 25,
      disallowed_tools: 'Write, Edit',
    });
    expect(catalog['test-writer']?.model).toBe('inherit');
    expect(catalog['db-migrator']?.model).toBe('claude-sonnet-4-5-20250929');
    expect(catalog['changelog-keeper']?.model).toBeUndefined();
    expect(runtimeKindOf(catalog['code-reviewer'] as AgentInfo)).toBe('claude');
    expect(runtimeKindOf(catalog['fastapi-backend-expert'] as AgentInfo)).toBe('claude');
    expect(catalog['quick-checker']).toMatchObject({
      runtime: { kind: 'simulated' },
      timeout: '5m',
      retries: 1,
    });
    expect(runtimeKindOf(catalog['unit-test-runner'] as AgentInfo)).toBe('command');
  });

  it('keys failures by the name the file declares, and no built-in stands in for one', () => {
    expect(Object.keys(failed).sort()).toEqual([
      'code-explainer',
      'general-purpose',
      'half-written',
      'notes',
      'quote-breaker',
    ]);
    expect(BUILTIN_AGENTS['general-purpose']).toBeDefined();
    expect(catalog['general-purpose']).toBeUndefined();
    expect(catalog['code-explainer']).toBeUndefined();
    expect(of('general-purpose.md')).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringMatching(/built-in .* left out/),
      }),
    );
  });

  it('a document naming a failed agent is told the file exists and why it failed', () => {
    const yaml = `version: 1
stages:
  - id: s
    pattern: parallel_independent
    tasks:
      - { agent: quote-breaker, task: Review, fallback_agent: general-purpose }
      - { agent: code-explainer, task: Explain }
      - { agent: no-such-agent, task: Nothing }
`;
    const result = validate(yaml, { agents: catalog, unavailableAgents: unavailableAgents(registry) });
    const messages = result.diagnostics.map((d) => d.message);
    expect(messages).toContain(
      `agent 'quote-breaker' is defined in ${AGENTS}/broken-quote.md but that file could not be read: bad YAML: Missing closing "quote (line 3)`,
    );
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^agent 'general-purpose' is defined in \.claude\/agents\/general-purpose\.md but that file could not be read: bad YAML: Tabs .* \(line 5\)$/,
      ),
    );
    expect(messages).toContainEqual(
      expect.stringMatching(/^agent 'code-explainer' is declared by 2 files: /),
    );
    expect(messages).toContainEqual(expect.stringMatching(/^unknown agent 'no-such-agent'/));
  });
});

describe('bad agent files are diagnostics, never a crash or a hang', () => {
  function folder(files: Record<string, string | Buffer>): string {
    const dir = mkdtempSync(join(tmpdir(), 'baton-agents-'));
    mkdirSync(join(dir, AGENTS), { recursive: true });
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, AGENTS, name), content);
    return dir;
  }

  it('a 10 MB file, binary junk and an alias bomb in front matter', () => {
    const bomb = ['---', 'name: bomb', 'a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) {
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    }
    bomb.push('---', 'body');
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const dir = folder({
      'huge.md': `---\nname: huge\ndescription: big\n---\n${'x'.repeat(10 * 1024 * 1024)}`,
      'junk.md': junk,
      'bomb.md': `${bomb.join('\n')}\n`,
      'fine.md': '---\nname: fine\ndescription: still loads\n---\nHello.\n',
    });
    const started = Date.now();
    const { catalog, diagnostics, failed } = loadAgentRegistry(dir);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(catalog.fine?.description).toBe('still loads');
    const error = (file: string) =>
      diagnostics.find((d) => d.file === `${AGENTS}/${file}` && d.severity === 'error');
    expect(error('huge.md')?.message).toMatch(/over 1 MB/);
    expect(error('junk.md')?.message).toMatch(/not a text file/);
    expect(error('bomb.md')?.message).toMatch(/alias/i);
    expect(Object.keys(failed).sort()).toEqual(['bomb', 'huge', 'junk']);
  });

  it('a huge front matter of key lines stays quick', () => {
    const lines = ['---', 'description: starts: broken'];
    for (let i = 0; i < 20_000; i++) lines.push(`word${i}: more text: here`);
    lines.push('---', 'body');
    const dir = folder({ 'many.md': lines.join('\n') });
    const started = Date.now();
    const { diagnostics } = loadAgentRegistry(dir);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(diagnostics.some((d) => d.file.endsWith('many.md'))).toBe(true);
  });
});
