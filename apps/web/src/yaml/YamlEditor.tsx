import { deepEqual, locate } from '@baton/core';
import { yaml } from '@codemirror/lang-yaml';
import { syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { Annotation, EditorState, Prec, type StateEffect } from '@codemirror/state';
import { basicSetup, EditorView } from 'codemirror';
import { useEffect, useMemo, useRef } from 'react';
import { analyzeYaml } from '../model/analyzeYaml';
import { useDocumentStore } from '../store/useDocumentStore';
import { type Selection, useSelectionStore } from '../store/useSelectionStore';
import { documentYaml } from './documentYaml';
import { editorTheme } from './editorTheme';
import { highlightedLines, setHighlightedLines } from './highlightLines';
import { minimalChange } from './minimalChange';
import { pathOfSelection } from './selectionForPath';
import { toCmDiagnostics } from './toCmDiagnostics';
import { useYamlEditorStore } from './useYamlEditorStore';
import { themedHighlightStyle } from './yamlHighlight';

/**
 * Undo and redo for the whole editor (toolbar, shortcuts, Ctrl+Z here): one history, the editor
 * page's commands. They record text typed here and not applied yet (the pause has not passed) as
 * an edit of its own first, so an undo takes back exactly that text — never the text and the edit
 * before it — and a redo brings it back as typed.
 */
export interface EditHistory {
  undo(): void;
  redo(): void;
}

/** Marks the editor's own replacements (the document changed elsewhere): not a user edit. */
const fromDocument = Annotation.define<boolean>();

/** How long typing pauses before the text is parsed and, when valid, applied to the canvas. */
export const APPLY_DELAY_MS = 300;

/**
 * The YAML tab's editor (CodeMirror 6). It always shows the document's YAML; what a person types
 * is parsed after a short pause: a valid text becomes the document (one undo step, the canvas
 * follows), an invalid one shows its diagnostics inline and leaves the document as it was.
 */
export function YamlEditor({ history }: { history: EditHistory }) {
  const host = useRef<HTMLDivElement>(null);
  // The view is made once: its key handler reads the latest commands through a ref.
  const historyRef = useRef(history);
  historyRef.current = history;
  const viewRef = useRef<EditorView | null>(null);
  const timer = useRef(0);
  const document = useDocumentStore((s) => s.document);
  const revision = useDocumentStore((s) => s.revision);
  const preferredForm = useDocumentStore((s) => s.preferredForm);
  const source = useDocumentStore((s) => s.source);
  const unparsedText = useDocumentStore((s) => s.unparsedText);
  const derived = useMemo(
    () => documentYaml(document, preferredForm, source).text,
    [document, preferredForm, source],
  );
  const derivedRef = useRef(derived);
  derivedRef.current = derived;
  // What the editor shows: the text typed that does not parse, else the document's YAML.
  const shown = unparsedText ?? derived;
  const shownRef = useRef(shown);
  shownRef.current = shown;

  useEffect(() => {
    const analyze = (view: EditorView) => {
      const text = view.state.doc.toString();
      const result = analyzeYaml(text, useDocumentStore.getState().registry);
      view.dispatch(setDiagnostics(view.state, toCmDiagnostics(view.state.doc, result.diagnostics)));
      useYamlEditorStore.setState({ analysis: result });
      return result;
    };
    const apply = () => {
      const view = viewRef.current;
      if (!view) return;
      window.clearTimeout(timer.current);
      useYamlEditorStore.setState({ pending: false });
      const text = view.state.doc.toString();
      const result = analyze(view);
      const store = useDocumentStore.getState();
      if (text === derivedRef.current) {
        store.setUnparsedText(null, { coalesce: 'yaml' });
        return;
      }
      // Text that does not parse is kept as an edit of its own: undo takes it back, redo returns it.
      if (!result.document || !result.source) {
        store.setUnparsedText(text, { coalesce: 'yaml' });
        return;
      }
      const form = result.form ?? 'full';
      if (
        deepEqual(result.document, store.document) &&
        form === store.preferredForm &&
        store.source?.text === text
      ) {
        store.setUnparsedText(null, { coalesce: 'yaml' });
        return;
      }
      store.replace(
        { document: result.document, source: result.source, preferredForm: form },
        { coalesce: 'yaml' },
      );
    };

    const view = new EditorView({
      parent: host.current as HTMLDivElement,
      state: EditorState.create({
        doc: shownRef.current,
        extensions: [
          // One undo history for the whole editor: the document store's (canvas and YAML alike).
          // Read from the key event itself, as the page's shortcuts do: Shift+Z may come as `z`.
          Prec.highest(
            EditorView.domEventHandlers({
              keydown(event) {
                const command = historyCommandOf(event);
                if (!command) return false;
                event.preventDefault();
                if (command === 'undo') historyRef.current.undo();
                else historyRef.current.redo();
                return true;
              },
              // Leaving the text (for the canvas, the Inspector, a button) records what was typed
              // at once: an edit made there must come after it, not overwrite it mid-pause.
              blur() {
                if (useYamlEditorStore.getState().pending) apply();
                return false;
              },
            }),
          ),
          basicSetup,
          yaml(),
          lintGutter(),
          syntaxHighlighting(themedHighlightStyle),
          highlightedLines,
          editorTheme,
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': 'Orchestration YAML' }),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged || update.transactions.some((tr) => tr.annotation(fromDocument))) return;
            useYamlEditorStore.setState({ pending: true });
            window.clearTimeout(timer.current);
            timer.current = window.setTimeout(apply, APPLY_DELAY_MS);
          }),
        ],
      }),
    });
    viewRef.current = view;
    useYamlEditorStore.setState({ flush: apply });
    const first = window.setTimeout(() => analyze(view), 0);
    return () => {
      window.clearTimeout(first);
      // Leaving the tab mid-pause: what was typed is recorded, not dropped.
      if (useYamlEditorStore.getState().pending) apply();
      view.destroy();
      viewRef.current = null;
      useYamlEditorStore.setState({ analysis: null, pending: false, flush: null });
    };
  }, []);

  // The document changed elsewhere (canvas, Inspector, undo, redo): show its YAML, or the
  // unparsed text an undo or redo brought back. Every revision is compared with the editor's
  // text: an edit and its undo in one event leave `shown` as it was, but not the editor.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `revision` re-runs the comparison on purpose
  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    const current = view.state.doc.toString();
    if (current === shown) return;
    window.clearTimeout(timer.current);
    view.dispatch({ changes: minimalChange(current, shown), annotations: fromDocument.of(true) });
    useYamlEditorStore.setState({ pending: false });
    const later = window.setTimeout(() => {
      if (viewRef.current !== view) return;
      const result = analyzeYaml(shown, useDocumentStore.getState().registry);
      if (view.state.doc.toString() !== shown) return;
      view.dispatch(setDiagnostics(view.state, toCmDiagnostics(view.state.doc, result.diagnostics)));
      useYamlEditorStore.setState({ analysis: result });
    }, 60);
    return () => window.clearTimeout(later);
  }, [shown, revision]);

  useSelectedLines(viewRef);
  useRevealRequests(viewRef);

  return <div className="yaml-editor" data-testid="yaml-editor" ref={host} />;
}

function historyCommandOf(event: KeyboardEvent): 'undo' | 'redo' | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  return key === 'y' ? 'redo' : null;
}

/** The selected node's lines are marked (and scrolled to when the selection changes). */
function useSelectedLines(viewRef: React.RefObject<EditorView | null>) {
  const selection = useSelectionStore((s) => s.selection);
  const analysis = useYamlEditorStore((s) => s.analysis);
  const lastScrolled = useRef<Selection>(null);
  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    const path = analysis?.plan && analysis.source ? pathOfSelection(analysis.plan, selection) : null;
    if (!path || !analysis?.source) {
      view.dispatch({ effects: setHighlightedLines.of(null) });
      return;
    }
    const range = locate(analysis.source, path);
    const to = range.endLine > range.line && range.endCol === 1 ? range.endLine - 1 : range.endLine;
    const effects: StateEffect<unknown>[] = [setHighlightedLines.of({ from: range.line, to })];
    const changed = selection !== lastScrolled.current;
    lastScrolled.current = selection;
    if (changed && range.line <= view.state.doc.lines) {
      effects.push(EditorView.scrollIntoView(view.state.doc.line(range.line).from, { y: 'center' }));
    }
    view.dispatch({ effects });
  }, [selection, analysis, viewRef]);
}

/** A clicked diagnostic puts the cursor on its line and column. */
function useRevealRequests(viewRef: React.RefObject<EditorView | null>) {
  const reveal = useYamlEditorStore((s) => s.reveal);
  useEffect(() => {
    const view = viewRef.current;
    if (!view || !reveal) return;
    const line = view.state.doc.line(Math.max(1, Math.min(view.state.doc.lines, reveal.line)));
    const pos = Math.min(line.to, line.from + Math.max(0, reveal.col - 1));
    view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
  }, [reveal, viewRef]);
}
