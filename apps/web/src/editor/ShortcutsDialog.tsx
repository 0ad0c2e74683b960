import { Dialog } from '../shared/Dialog';

const SHORTCUTS: [string, string][] = [
  ['Ctrl/⌘ + Z', 'Undo (canvas, Inspector and YAML edits alike)'],
  ['Ctrl/⌘ + Shift + Z, Ctrl + Y', 'Redo'],
  ['Ctrl/⌘ + S', 'Save'],
  ['Delete / Backspace', 'Delete the selected step, block or connection'],
  ['Alt + ← / →', 'Move the selected step earlier / later'],
  ['Ctrl/⌘ + C / X / V', 'Copy, cut, paste blocks (as YAML: paste into any editor)'],
  ['L', 'Auto-layout'],
  ['F', 'Fit the orchestration in view'],
  ['Escape', 'Clear the selection'],
  ['?', 'This list'],
];

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts" testId="shortcuts-dialog">
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <td className="shortcut-cell">
                <kbd>{keys}</kbd>
              </td>
              <td className="shortcut-cell">{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        Drag a step inside its block to reorder it. Drag from a block’s bottom handle to another block’s top
        handle to make it wait.
      </p>
    </Dialog>
  );
}
