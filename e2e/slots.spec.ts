import { parse } from '@baton/core';
import { expect, test } from '@playwright/test';
import {
  canvasPane,
  dragFromPalette,
  examplePath,
  importFile,
  openNewEditor,
  yamlText,
} from './support/editor';

test('each pattern’s slots take a dropped agent where the pointer is', async ({ page }) => {
  await openNewEditor(page);
  // An agent dropped on the empty canvas starts a Parallel Independent block holding it.
  await dragFromPalette(page, 'palette-agent-comment-cleaner', canvasPane(page), { x: 150, y: 120 });
  await expect(page.locator('[data-step-id="parallel_independent-1.task.0"]')).toContainText(
    'comment-cleaner',
  );

  // Sync lanes: work after a sync point.
  await importFile(page, examplePath('seed/3-parallel-with-sync.baton.yaml'));
  const stage = 'parallel_with_sync-1';
  await dragFromPalette(
    page,
    'palette-agent-fastapi-backend-expert',
    page.getByTestId(`slot-${stage}-lane-1`),
  );
  await dragFromPalette(
    page,
    'palette-agent-pytest-test-master',
    page.locator(`[data-step-id="${stage}.sync.2"]`),
  );
  let model = parse(await yamlText(page)).document?.stages[0];
  expect(model).toMatchObject({
    tasks: [{ agent: 'fastapi-backend-expert', after: 'API contract definition' }],
    sync_points: [
      'API contract definition',
      'Type synchronization',
      { name: 'Integration testing', agent: 'pytest-test-master' },
    ],
  });

  // Phases: a validator into the open validator slot; then a new phase.
  await importFile(page, examplePath('full/5-incremental-validation.baton.yaml'));
  await page.locator('[data-step-id="graphql.phase.1.validator"]').click();
  await page.keyboard.press('Delete');
  await dragFromPalette(
    page,
    'palette-agent-architecture-guardian',
    page.getByTestId('slot-graphql-validator-1'),
  );
  await dragFromPalette(
    page,
    'palette-agent-react-frontend-architect',
    page.getByTestId('slot-graphql-phase'),
  );
  model = parse(await yamlText(page)).document?.stages[0];
  expect(model).toMatchObject({
    phases: [
      { validator: 'pytest-test-master' },
      { validator: 'architecture-guardian' },
      { name: 'phase_3', agent: 'react-frontend-architect' },
    ],
  });

  // Fan-out: another task; branches: another branch.
  await importFile(page, examplePath('full/6-fan-out-fan-in.baton.yaml'));
  await dragFromPalette(page, 'palette-agent-fastapi-backend-expert', page.getByTestId('slot-auth-fanout'));
  await expect(page.locator('[data-step-id="auth.fanout.3"]')).toBeVisible();
  await importFile(page, examplePath('full/7-conditional-branching.baton.yaml'));
  await dragFromPalette(page, 'palette-agent-general-purpose', page.getByTestId('slot-quality-branch'));
  await expect(page.locator('[data-step-id="quality.branch.2"]')).toContainText('general-purpose');
  model = parse(await yamlText(page)).document?.stages[0];
  expect(model).toMatchObject({
    conditional_logic: { branches: [{}, {}, { condition: 'condition_3', agent: 'general-purpose' }] },
  });
});
