import { useState } from 'react';
import { AgentFileProblems } from './AgentFileProblems';
import { AgentList } from './AgentList';
import { PatternList } from './PatternList';

/** Left column: the seven pattern blocks and the registry's agents, to drag onto the canvas. */
export function Palette() {
  const [query, setQuery] = useState('');
  return (
    <aside className="palette" aria-label="Palette">
      <section className="palette-section">
        <h2 className="palette-heading">Patterns</h2>
        <PatternList />
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
        <AgentList query={query} />
      </section>
    </aside>
  );
}
