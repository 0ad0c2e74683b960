import { Inspector } from '../inspector/Inspector';
import { RunTab } from '../run/RunTab';
import { Tabs } from '../shared/Tabs';
import { useShownViews } from '../store/useCanvasStore';
import { useSelectionStore } from '../store/useSelectionStore';
import { useSessionStore } from '../store/useSessionStore';
import { YamlTab } from '../yaml/YamlTab';
import { editorCommands } from './editorCommands';
import { type PanelTab, usePanelStore } from './usePanelStore';

const TABS: { id: PanelTab; label: string }[] = [
  { id: 'inspector', label: 'Inspector' },
  { id: 'yaml', label: 'YAML' },
  { id: 'run', label: 'Run' },
];

/** Right panel: Inspector · YAML · Run (docs/design.md §5). */
export function SidePanel() {
  const tab = usePanelStore((s) => s.tab);
  const setTab = usePanelStore((s) => s.setTab);
  const hasSelection = useSelectionStore((s) => s.selection !== null);
  const shownViews = useShownViews((views) => views);
  const orchestrationId = useSessionStore((s) => s.id);
  return (
    <aside className="side-panel" aria-label="Panel">
      <Tabs
        tabs={TABS.map((t) => ({
          id: t.id,
          label: (
            <>
              {t.label}
              {t.id === 'inspector' && hasSelection && tab !== 'inspector' ? (
                <span className="tab-dot" aria-hidden="true" />
              ) : null}
            </>
          ),
        }))}
        value={tab}
        onChange={setTab}
        testIdPrefix="tab-"
      />
      <div className="tab-body">
        {tab === 'inspector' ? <Inspector commands={editorCommands} /> : null}
        {tab === 'yaml' ? <YamlTab history={editorCommands} /> : null}
        {tab === 'run' ? <RunTab views={shownViews} orchestrationId={orchestrationId} /> : null}
      </div>
    </aside>
  );
}
