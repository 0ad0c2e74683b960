import { seedFormBlocker } from '@baton/core';
import { useEffect, useRef, useState } from 'react';
import { useDocumentStore } from '../store/useDocumentStore';
import { type ExportFormat, exportDocument } from './exportDocument';

/** Export: download the YAML in full or seed form, or the plan as Mermaid. */
export function ExportMenu() {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const document = useDocumentStore((s) => s.document);
  const blocker = seedFormBlocker(document);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);
  const pick = (format: ExportFormat) => {
    setOpen(false);
    exportDocument(format);
  };
  return (
    <div className="menu" ref={ref}>
      <button
        type="button"
        className="btn"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        data-testid="export"
        disabled={!document.stages.length}
      >
        Export ▾
      </button>
      {open ? (
        <div className="menu-list" role="menu">
          <button type="button" role="menuitem" onClick={() => pick('full')} data-testid="export-full">
            <b>YAML — full form</b>
            <span>version, name, stages</span>
          </button>
          <button
            type="button"
            role="menuitem"
            onClick={() => pick('seed')}
            disabled={blocker !== null}
            title={blocker ?? undefined}
            data-testid="export-seed"
          >
            <b>YAML — seed form</b>
            <span>
              {blocker ? 'Only for one stage without a name or id' : 'One pattern’s keys, as in the seed'}
            </span>
          </button>
          <button type="button" role="menuitem" onClick={() => pick('mermaid')} data-testid="export-mermaid">
            <b>Mermaid flowchart</b>
            <span>For docs and READMEs</span>
          </button>
        </div>
      ) : null}
    </div>
  );
}
