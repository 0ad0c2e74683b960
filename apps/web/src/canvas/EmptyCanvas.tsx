/** What an empty canvas tells a newcomer. */
export function EmptyCanvas() {
  return (
    <div className="empty-canvas" data-testid="empty-canvas">
      <div className="empty-canvas-card">
        <div className="empty-canvas-title">Drag a pattern here</div>
        <p>
          Start with a pattern block from the left — <b>Primary with Reviewers</b>, <b>Fan-Out / Fan-In</b>… —
          then drop agents into its slots. Connect blocks to run one after another.
        </p>
        <p className="empty-canvas-alt">
          Or <b>Import</b> a <code>.baton.yaml</code> file, drop one here, or type YAML in the YAML tab.
        </p>
      </div>
    </div>
  );
}
