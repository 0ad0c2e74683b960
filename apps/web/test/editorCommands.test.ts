import { parse } from '@baton/core';
import { describe, expect, it } from 'vitest';
import { type EditorStores, flowElementsOf } from '../src/canvas/flowElements';
import { createEditorCommands, type EditorEffects } from '../src/editor/editorCommands';
import { createCanvasStore } from '../src/store/useCanvasStore';
import { createDocumentStore } from '../src/store/useDocumentStore';
import { createSelectionStore } from '../src/store/useSelectionStore';

const YAML = `version: 1
stages:
  - id: build
    pattern: parallel_independent
    tasks:
      - agent: coder
        task: Write it
      - agent: tester
        task: Test it
  - id: review
    pattern: parallel_independent
    tasks:
      - agent: reviewer
        task: Review it
`;

/** Fresh stores holding YAML's document, commands over them, and what their effects were asked. */
function editor() {
  const stores: EditorStores = {
    document: createDocumentStore(),
    selection: createSelectionStore(),
    canvas: createCanvasStore(),
  };
  const parsed = parse(YAML);
  if (!parsed.document) throw new Error('the fixture does not parse');
  stores.document.getState().load({ document: parsed.document, source: YAML, preferredForm: 'full' });
  const asked = { toasts: [] as string[], shown: [] as string[][], flushes: 0 };
  const effects: EditorEffects = {
    toast: (_tone, text) => asked.toasts.push(text),
    showNodes: (ids) => asked.shown.push(ids),
    flushTypedText: () => {
      asked.flushes++;
    },
  };
  return { stores, commands: createEditorCommands(stores, effects), asked };
}

const stageIds = (stores: EditorStores) => stores.document.getState().document.stages.map((s) => s.id);
const selectedNodes = (stores: EditorStores) =>
  flowElementsOf(stores)
    .nodes.filter((n) => n.selected)
    .map((n) => n.id);

describe('editor commands over their own stores', () => {
  it('select marks the node on the canvas, from the selection store alone', () => {
    const { stores, commands } = editor();
    expect(selectedNodes(stores)).toEqual([]);
    commands.select({ kind: 'stage', stageId: 'review' });
    expect(selectedNodes(stores)).toEqual(['stage:review']);
    commands.select({ kind: 'step', stepId: 'build.task.1' });
    expect(selectedNodes(stores)).toEqual(['build.task.1']);
  });

  it('a click on the canvas (React Flow select changes) selects the step over its block', () => {
    const { stores, commands } = editor();
    commands.nodesChanged([
      { type: 'select', id: 'stage:build', selected: true },
      { type: 'select', id: 'build.task.0', selected: true },
    ]);
    expect(stores.selection.getState().selection).toEqual({ kind: 'step', stepId: 'build.task.0' });
    commands.nodesChanged([{ type: 'select', id: 'build.task.0', selected: false }]);
    expect(stores.selection.getState().selection).toBeNull();
  });

  it('delete removes the selected step (its block stays selected), undo brings it back', () => {
    const { stores, commands, asked } = editor();
    commands.select({ kind: 'step', stepId: 'build.task.1' });
    expect(commands.deleteSelection()).toBe(true);
    expect(stores.document.getState().views.stages.build?.stepCount).toBe(1);
    expect(stores.selection.getState().selection).toEqual({ kind: 'stage', stageId: 'build' });

    commands.undo();
    expect(asked.flushes).toBe(1);
    expect(stores.document.getState().views.stages.build?.stepCount).toBe(2);
    commands.redo();
    expect(stores.document.getState().views.stages.build?.stepCount).toBe(1);
  });

  it('delete removes a selected block and clears the selection; with nothing selected it does nothing', () => {
    const { stores, commands } = editor();
    expect(commands.deleteSelection()).toBe(false);
    commands.select({ kind: 'stage', stageId: 'build' });
    expect(commands.deleteSelection()).toBe(true);
    expect(stageIds(stores)).toEqual(['review']);
    expect(stores.selection.getState().selection).toBeNull();
    commands.undo();
    expect(stageIds(stores)).toEqual(['build', 'review']);
  });

  it('a block dragged and let go keeps its place; the canvas draws it there while dragged', () => {
    const { stores, commands } = editor();
    commands.nodesChanged([
      { type: 'position', id: 'stage:review', position: { x: 500, y: 40 }, dragging: true },
    ]);
    const dragged = flowElementsOf(stores).nodes.find((n) => n.id === 'stage:review');
    expect(dragged?.position).toEqual({ x: 500, y: 40 });
    expect(stores.canvas.getState().positions.review).toBeUndefined();
    commands.nodesChanged([
      { type: 'position', id: 'stage:review', position: { x: 520, y: 40 }, dragging: false },
    ]);
    expect(stores.canvas.getState().positions.review).toEqual({ x: 520, y: 40 });
    expect(stores.canvas.getState().dragged).toEqual({});
  });

  it('paste adds the copied block beside the others, selects it and says so', () => {
    const { stores, commands, asked } = editor();
    commands.select({ kind: 'stage', stageId: 'review' });
    const yaml = commands.selectionAsYaml();
    expect(yaml).toContain('reviewer');
    expect(commands.pasteYaml(yaml ?? '')).toBe(true);
    expect(stageIds(stores)).toHaveLength(3);
    const pasted = stores.selection.getState().selection;
    expect(pasted?.kind).toBe('stage');
    expect(asked.toasts).toEqual(['Pasted 1 block']);
    expect(asked.shown).toHaveLength(1);
  });
});
