import { type Diagnostic, formatDiagnostic } from '@baton/core';
import { useState } from 'react';
import { Dialog } from '../shared/Dialog';
import { importFile, importText } from './importText';

/** Import a `.baton.yaml` file (either form): pick a file, or paste its text. */
export function ImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<Diagnostic[]>([]);
  const done = (found: Diagnostic[]) => {
    setProblems(found);
    if (!found.length) {
      setText('');
      onClose();
    }
  };
  return (
    <Dialog open={open} onClose={onClose} title="Import an orchestration" testId="import-dialog" wide>
      <p className="muted">
        A file in seed form (one pattern’s keys, as in the pattern catalogue) or full form (
        <code>stages:</code>). It replaces the canvas — Undo brings the previous one back. You can also drop a
        file onto the canvas.
      </p>
      <label className="file-pick">
        <input
          type="file"
          accept=".yaml,.yml,text/yaml,application/yaml"
          data-testid="import-file"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) done(await importFile(file));
          }}
        />
        <span className="btn">Choose a file…</span>
      </label>
      <div className="or-line">or paste YAML</div>
      <textarea
        className="input code-input"
        rows={10}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={'primary_agent: "fastapi-backend-expert"\nreviewer_agents:\n  - "architecture-guardian"'}
        data-testid="import-text"
        spellCheck={false}
      />
      {problems.length ? (
        <ul className="diagnostic-list">
          {problems.map((d) => (
            <li key={`${d.line}:${d.col}:${d.message}`} className="diagnostic is-error">
              {formatDiagnostic(d, 'pasted')}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={!text.trim()}
          onClick={() => done(importText(text, 'the pasted YAML'))}
          data-testid="import-confirm"
        >
          Import pasted YAML
        </button>
      </div>
    </Dialog>
  );
}
