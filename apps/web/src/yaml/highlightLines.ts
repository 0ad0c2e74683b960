import { type Extension, RangeSetBuilder, StateEffect, StateField } from '@codemirror/state';
import { Decoration, type DecorationSet, EditorView } from '@codemirror/view';

/** Lines [from, to] (1-based) to mark as the selected node's, or `null` for none. */
export const setHighlightedLines = StateEffect.define<{ from: number; to: number } | null>();

const lineMark = Decoration.line({ class: 'cm-selected-node-line' });

/** Marks the YAML lines of the node selected on the canvas. */
export const highlightedLines: Extension = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    let next = value.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(setHighlightedLines)) continue;
      if (!effect.value) {
        next = Decoration.none;
        continue;
      }
      const builder = new RangeSetBuilder<Decoration>();
      const last = Math.min(effect.value.to, tr.state.doc.lines);
      for (let n = Math.max(1, effect.value.from); n <= last; n++) {
        const line = tr.state.doc.line(n);
        builder.add(line.from, line.from, lineMark);
      }
      next = builder.finish();
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});
