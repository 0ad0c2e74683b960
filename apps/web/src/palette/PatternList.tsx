import { PATTERN_TITLES, PATTERNS } from '@baton/core';
import { endPaletteDrag, type PalettePayload, startPaletteDrag } from '../shared/dragPayload';
import { PatternGlyph } from '../shared/patterns/PatternGlyph';
import { WEB_PATTERNS } from '../shared/patterns/registry';

export function PatternList({ onAdd }: { onAdd: (payload: PalettePayload) => void }) {
  return (
    <ul className="palette-list">
      {PATTERNS.map((pattern) => (
        <li key={pattern}>
          <button
            type="button"
            className={`palette-item palette-pattern pattern-${pattern}`}
            draggable
            onDoubleClick={() => onAdd({ kind: 'pattern', pattern })}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onAdd({ kind: 'pattern', pattern });
              }
            }}
            onDragStart={(e) => startPaletteDrag(e, { kind: 'pattern', pattern })}
            onDragEnd={endPaletteDrag}
            data-testid={`palette-pattern-${pattern}`}
            title={`${WEB_PATTERNS[pattern].hint} — drag onto the canvas (or press Enter)`}
          >
            <PatternGlyph pattern={pattern} />
            <div className="palette-item-text">
              <div className="palette-item-name">{PATTERN_TITLES[pattern]}</div>
              <div className="palette-item-desc">{WEB_PATTERNS[pattern].hint}</div>
            </div>
          </button>
        </li>
      ))}
    </ul>
  );
}
