import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentInfo, AgentsResponse, RegistryDiagnostic } from '@baton/core';
import { expect, type Page, test } from '@playwright/test';
import { openNewEditor } from './support/editor';

/**
 * The palette shows the registry as it is (issue 9): the agent files it could not read, with
 * file, line and message; a runtime badge for every agent, *simulated* for each one a run would
 * simulate, never clipped by a long name.
 */
const DIR = join(import.meta.dirname, 'screenshots');
mkdirSync(DIR, { recursive: true });

const LONG_NAME = 'integration-environment-provisioning-and-teardown-specialist';
const MOCK_AGENTS: AgentInfo[] = [
  {
    name: LONG_NAME,
    description: 'Provisions the integration environment before the checks and tears it down after',
    source: 'file',
    runtime: { kind: 'simulated', duration: '1s' },
  },
  {
    name: 'security-auditor',
    description: 'A specialist: audits the change for security issues',
    source: 'file',
  },
];
const MOCK_DIAGNOSTICS: RegistryDiagnostic[] = [
  {
    severity: 'error',
    file: '.claude/agents/broken-reviewer.md',
    line: 3,
    message: 'Nested mappings are not allowed in compact mappings',
    agent: 'broken-reviewer',
  },
  {
    severity: 'error',
    file: '.claude/agents/notes.md',
    line: 1,
    message: 'no front matter: an agent file starts with "---", its name and description, then "---"',
  },
  {
    severity: 'warning',
    file: '.claude/agents/release-helper.md',
    line: 2,
    message: "read 'description' as text: it contains ': '",
    agent: 'release-helper',
  },
  {
    severity: 'warning',
    file: '.claude/agents/release-helper.md',
    message: "agent 'release-helper': key 'colour' is not read by Baton",
    agent: 'release-helper',
  },
];

/** Answer `GET /api/agents` with the server's agents plus some, and the diagnostics above. */
async function mockRegistry(page: Page) {
  await page.route('**/api/agents', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as Partial<AgentsResponse>;
    const json: AgentsResponse = {
      agents: [...(body.agents ?? []), ...MOCK_AGENTS],
      diagnostics: MOCK_DIAGNOSTICS,
    };
    await route.fulfill({ response, json });
  });
}

const palette = (page: Page) => page.getByRole('complementary', { name: 'Palette' });

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test(`the palette reports unreadable agent files and badges every agent (${scheme})`, async ({
      page,
    }) => {
      await mockRegistry(page);
      await openNewEditor(page);
      const problems = page.getByTestId('agent-diagnostics');
      await expect(problems).toContainText('2 agent files could not be read · 2 warnings');
      // Collapsed to its line until opened.
      await expect(page.getByTestId('agent-diagnostic').first()).toBeHidden();
      await problems.locator('summary').click();
      const items = page.getByTestId('agent-diagnostic');
      await expect(items).toHaveCount(4);
      await expect(items.nth(0)).toContainText('.claude/agents/broken-reviewer.md:3');
      await expect(items.nth(0)).toContainText('Nested mappings are not allowed');
      await expect(items.nth(1)).toContainText('.claude/agents/notes.md:1');
      await expect(items.nth(1)).toContainText('no front matter');
      await expect(page.locator('[data-testid="agent-diagnostic"][data-severity="warning"]')).toHaveCount(2);
      await expect(items.filter({ hasText: 'as text' })).toContainText('.claude/agents/release-helper.md:2');

      // Every built-in agent is simulated, and says so; a file agent without a runtime is claude.
      for (const name of ['fastapi-backend-expert', 'architecture-guardian', 'general-purpose']) {
        const item = page.getByTestId(`palette-agent-${name}`);
        await expect(item).toHaveAttribute('data-simulated', 'true');
        await expect(item.locator('.agent-kind')).toHaveText('simulated');
      }
      const claude = page.getByTestId('palette-agent-security-auditor');
      await expect(claude).toHaveAttribute('data-runtime', 'claude');
      await expect(claude).not.toHaveAttribute('data-simulated', /.*/);
      await expect(claude.locator('.agent-kind')).toHaveText('claude');

      // A long name gives way (ellipsis, its title the whole name); the badge is shown whole.
      const long = page.getByTestId(`palette-agent-${LONG_NAME}`);
      await long.scrollIntoViewIfNeeded();
      const badge = long.locator('.agent-kind');
      await expect(badge).toHaveText('simulated');
      const label = long.locator('.palette-item-label');
      await expect(label).toHaveAttribute('title', LONG_NAME);
      const fit = await long.evaluate((button) => {
        const b = button.querySelector('.agent-kind') as HTMLElement;
        const l = button.querySelector('.palette-item-label') as HTMLElement;
        const outer = button.getBoundingClientRect();
        const box = b.getBoundingClientRect();
        return {
          truncated: l.scrollWidth > l.clientWidth,
          badgeWhole: b.scrollWidth <= b.clientWidth + 1,
          inside: box.left >= outer.left && box.right <= outer.right + 0.5 && box.width > 0,
        };
      });
      expect(fit).toEqual({ truncated: true, badgeWhole: true, inside: true });

      await page.waitForTimeout(300);
      await palette(page).screenshot({ path: join(DIR, `palette-diagnostics-open-${scheme}.png`) });
      // Closed again, and the agents searched down to the long name, the claude agent and a built-in.
      await problems.locator('summary').click();
      await expect(items.first()).toBeHidden();
      await page.getByTestId('palette-search').fill('special');
      await expect(long).toBeVisible();
      await page.waitForTimeout(200);
      await palette(page).screenshot({ path: join(DIR, `palette-diagnostics-${scheme}.png`) });
      await page.screenshot({ path: join(DIR, `editor-palette-diagnostics-${scheme}.png`) });
    });
  });
}

test('the server’s agents folder: a file it could not read is reported, a Claude Code agent is claude', async ({
  page,
  request,
}) => {
  // The e2e server reads e2e/fixtures/agents (playwright.config.ts).
  const response = await request.get('/api/agents');
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as AgentsResponse;
  const broken = body.diagnostics.find((d) => d.file.endsWith('notes-without-front-matter.md'));
  expect(broken?.severity).toBe('error');
  expect(body.agents.map((a) => a.name)).toContain('release-notes-writer');

  await openNewEditor(page);
  const problems = page.getByTestId('agent-diagnostics');
  await expect(problems).toContainText('1 agent file could not be read');
  await problems.locator('summary').click();
  await expect(
    page.getByTestId('agent-diagnostic').filter({ hasText: 'notes-without-front-matter.md' }),
  ).toContainText('front matter');
  // The colon in its description does not keep it out: it loads, and runs through claude.
  const writer = page.getByTestId('palette-agent-release-notes-writer');
  await expect(writer).toHaveAttribute('data-runtime', 'claude');
  await expect(writer.locator('.agent-kind')).toHaveText('claude');
  await expect(
    page.getByTestId('palette-agent-integration-environment-provisioning-specialist'),
  ).toHaveAttribute('data-simulated', 'true');
});
