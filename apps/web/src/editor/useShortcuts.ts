import { useEffect } from 'react';
import { useRunUiStore } from '../runState/useRunUiStore';
import { useCanvasStore } from '../store/useCanvasStore';
import { editorCommands } from './editorCommands';

const { deleteSelection, nudgeSelection, pasteYaml, selectionAsYaml, undo, redo, select } = editorCommands;

/** Is the event aimed at something that edits text (a field, the YAML editor)? */
export function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, .cm-editor') !== null;
}

export interface ShortcutActions {
  save(): void;
  layout(): void;
  fit(): void;
  help(): void;
}

/**
 * The editor's keyboard: undo/redo (⌘/Ctrl+Z, ⇧⌘Z, Ctrl+Y), save (⌘/Ctrl+S), delete (Delete,
 * Backspace), reorder (Alt+←/→), copy/cut/paste blocks as YAML, L auto-layout, F fit view,
 * Escape to deselect, ? for help. Text fields keep their own keys.
 */
export function useShortcuts(actions: ShortcutActions) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.metaKey || event.ctrlKey;
      const key = event.key.toLowerCase();
      if (mod && key === 's') {
        event.preventDefault();
        actions.save();
        return;
      }
      if (isTextTarget(event.target)) return;
      // A run is shown read-only: only the keys that look, none that edit.
      if (useCanvasStore.getState().runGraph) {
        if (key === 'escape') useRunUiStore.getState().openDrawer(null);
        else if (!mod && !event.altKey && key === 'f') actions.fit();
        else if (key === '?') actions.help();
        return;
      }
      if (mod && key === 'z') {
        event.preventDefault();
        if (event.shiftKey) redo();
        else undo();
      } else if (mod && key === 'y') {
        event.preventDefault();
        redo();
      } else if ((key === 'delete' || key === 'backspace') && !mod) {
        if (deleteSelection()) event.preventDefault();
      } else if (event.altKey && (key === 'arrowleft' || key === 'arrowup')) {
        if (nudgeSelection(-1)) event.preventDefault();
      } else if (event.altKey && (key === 'arrowright' || key === 'arrowdown')) {
        if (nudgeSelection(1)) event.preventDefault();
      } else if (key === 'escape') {
        select(null);
      } else if (!mod && !event.altKey && key === 'l') {
        actions.layout();
      } else if (!mod && !event.altKey && key === 'f') {
        actions.fit();
      } else if (key === '?') {
        actions.help();
      }
    };
    const onCopy = (event: ClipboardEvent) => {
      if (useCanvasStore.getState().runGraph) return;
      if (isTextTarget(event.target) || window.getSelection()?.toString()) return;
      const yaml = selectionAsYaml();
      if (!yaml || !event.clipboardData) return;
      event.clipboardData.setData('text/plain', yaml);
      event.preventDefault();
      if (event.type === 'cut') deleteSelection();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTextTarget(event.target) || useCanvasStore.getState().runGraph) return;
      const text = event.clipboardData?.getData('text/plain');
      if (!text?.trim()) return;
      event.preventDefault();
      pasteYaml(text);
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [actions]);
}
