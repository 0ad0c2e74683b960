import { type AgentInfo, runsSimulated, runtimeKindOf } from '@baton/core';
import { useMemo } from 'react';
import { endPaletteDrag, type PalettePayload, startPaletteDrag } from '../shared/dragPayload';
import { useDocumentStore } from '../store/useDocumentStore';

/**
 * The badge beside an agent's name: *simulated* for every agent a run would simulate (a
 * built-in, an inline agent without a runtime, a `simulated` runtime), else its real runtime
 * (`claude` for a Claude Code agent file without a Baton runtime).
 */
function RuntimeBadge({ agent }: { agent: AgentInfo }) {
  if (runsSimulated(agent)) {
    return (
      <span className="agent-kind agent-kind-simulated" title="Simulated: a run stands this agent in">
        simulated
      </span>
    );
  }
  const kind = runtimeKindOf(agent);
  return (
    <span className="agent-kind agent-kind-real" title={`Runs for real through the ${kind} runtime`}>
      {kind}
    </span>
  );
}

/** The registry's agents (and the document's inline ones), filtered by name and description. */
export function AgentList({ query, onAdd }: { query: string; onAdd: (payload: PalettePayload) => void }) {
  const registry = useDocumentStore((s) => s.registry);
  const inline = useDocumentStore((s) => s.document.agents);
  const agents = useMemo(() => {
    const all = new Map(Object.values(registry).map((a) => [a.name, { ...a }]));
    for (const [name, def] of Object.entries(inline ?? {})) {
      all.set(name, { ...all.get(name), ...def, name, source: 'inline' as const });
    }
    const q = query.trim().toLowerCase();
    return [...all.values()]
      .filter(
        (a) => !q || a.name.toLowerCase().includes(q) || (a.description ?? '').toLowerCase().includes(q),
      )
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [registry, inline, query]);

  if (!agents.length) {
    return <p className="palette-empty">No agent matches “{query}”.</p>;
  }
  return (
    <ul className="palette-list">
      {agents.map((agent) => (
        <li key={agent.name}>
          <button
            type="button"
            className="palette-item palette-agent"
            draggable
            onDoubleClick={() => onAdd({ kind: 'agent', name: agent.name })}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onAdd({ kind: 'agent', name: agent.name });
              }
            }}
            onDragStart={(e) => startPaletteDrag(e, { kind: 'agent', name: agent.name })}
            onDragEnd={endPaletteDrag}
            data-testid={`palette-agent-${agent.name}`}
            data-runtime={runtimeKindOf(agent)}
            data-simulated={runsSimulated(agent) ? 'true' : undefined}
            title={`${agent.description ?? agent.name} — drag into a block`}
          >
            <span className="agent-avatar" aria-hidden="true">
              {agent.name.slice(0, 2).toUpperCase()}
            </span>
            <div className="palette-item-text">
              <div className="palette-item-name">
                <span className="palette-item-label" title={agent.name}>
                  {agent.name}
                </span>
              </div>
              {/* The badge leads the description line: the name keeps the row's whole width. */}
              <div className="palette-item-desc">
                <RuntimeBadge agent={agent} /> {agent.description ?? ''}
              </div>
            </div>
          </button>
        </li>
      ))}
    </ul>
  );
}
