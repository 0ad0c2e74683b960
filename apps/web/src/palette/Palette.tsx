import { useState } from 'react';
import type { PalettePayload } from '../shared/dragPayload';
import { AgentFileProblems } from './AgentFileProblems';
import { AgentList } from './AgentList';
import { PatternList } from './PatternList';

/**
 * Left column: the seven pattern blocks and the registry's agents, to drag onto the canvas.
 * `onAdd` adds an item chosen with the keyboard or a double-click (the editor's addFromPalette).
 */
export function Palette({ onAdd }: { onAdd: (payload: PalettePayload) => void }) {
  const [query, setQuery] = useState('');
  return (
    <aside className="palette" aria-label="Palette">
      <section className="palette-section">
        <h2 className="palette-heading">Patterns</h2>
        <PatternList onAdd={onAdd} />
      </section>
      <section className="palette-section palette-agents">
        <h2 className="palette-heading">Agents</h2>
        <AgentFileProblems />
        <input
          className="palette-search"
          type="search"
          placeholder="Search agents…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="palette-search"
          aria-label="Search agents"
        />
        <AgentList query={query} onAdd={onAdd} />
      </section>
    </aside>
  );
}
