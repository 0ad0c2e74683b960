import type { OrchestrationSummary } from '@baton/core';
import { useRef } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiRequestError } from '../api/client';
import { useCreateOrchestration, useDeleteOrchestration, useOrchestrations } from '../api/queries';
import { Logo } from '../shared/Logo';
import { toast } from '../shared/useToastStore';

function relativeTime(iso: string): string {
  const seconds = (Date.now() - new Date(iso).getTime()) / 1000;
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return new Date(iso).toLocaleDateString();
}

/** `/`: every stored orchestration, a new one, or an imported file. */
export function OrchestrationListPage() {
  const { data, isLoading, error } = useOrchestrations();
  const create = useCreateOrchestration();
  const remove = useDeleteOrchestration();
  const navigate = useNavigate();
  const fileInput = useRef<HTMLInputElement>(null);

  const importFile = async (file: File) => {
    try {
      const record = await create.mutateAsync(await file.text());
      navigate(`/o/${record.id}`);
    } catch (e) {
      const first = e instanceof ApiRequestError ? e.diagnostics[0] : undefined;
      const detail = first
        ? `line ${first.line}: ${first.message}`
        : e instanceof Error
          ? e.message
          : String(e);
      toast('error', `Cannot import ${file.name}: ${detail}`, 7000);
    }
  };

  const items: OrchestrationSummary[] = data?.orchestrations ?? [];
  return (
    <div className="list-page" data-testid="list-page">
      <header className="toolbar">
        <Logo />
        <span className="spacer" />
        <input
          ref={fileInput}
          type="file"
          accept=".yaml,.yml"
          hidden
          data-testid="list-import-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void importFile(file);
          }}
        />
        <button type="button" className="btn" onClick={() => fileInput.current?.click()} data-testid="import">
          Import file
        </button>
        <Link to="/new" className="btn btn-primary" data-testid="new">
          New orchestration
        </Link>
      </header>
      <main className="list-main">
        <h1>Orchestrations</h1>
        {isLoading ? <p className="muted">Loading…</p> : null}
        {error ? <p className="error-text">The server did not answer: {error.message}</p> : null}
        {!isLoading && !error && items.length === 0 ? (
          <div className="empty-list" data-testid="empty-list">
            <h2>No orchestrations yet</h2>
            <p>
              Design one on the canvas — drag a pattern such as <b>Primary with Reviewers</b>, then drop
              agents into it — or import a <code>.baton.yaml</code> file in seed or full form.
            </p>
            <div className="empty-actions">
              <Link to="/new" className="btn btn-primary">
                New orchestration
              </Link>
              <button type="button" className="btn" onClick={() => fileInput.current?.click()}>
                Import file
              </button>
            </div>
          </div>
        ) : null}
        {items.length ? (
          <table className="list-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Stages</th>
                <th>Steps</th>
                <th>Version</th>
                <th>Updated</th>
                <th>Last run</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <tr key={o.id} data-testid="list-row" data-id={o.id}>
                  <td>
                    <Link to={`/o/${o.id}`} className="list-name">
                      {o.name}
                    </Link>
                  </td>
                  <td>{o.stages}</td>
                  <td>{o.steps}</td>
                  <td>v{o.version}</td>
                  <td title={o.updatedAt}>{relativeTime(o.updatedAt)}</td>
                  <td>
                    {o.lastRun ? (
                      <Link
                        to={`/o/${o.id}/runs/${o.lastRun.id}`}
                        className="list-last-run"
                        data-testid="list-last-run"
                        data-status={o.lastRun.status}
                        title={o.lastRun.createdAt}
                      >
                        <span className={`run-dot run-dot-${o.lastRun.status}`} aria-hidden="true" />
                        {o.lastRun.status} · {relativeTime(o.lastRun.createdAt)}
                      </Link>
                    ) : (
                      <span className="muted">never run</span>
                    )}
                  </td>
                  <td className="list-actions">
                    <button
                      type="button"
                      className="btn btn-small btn-danger-ghost"
                      onClick={() => {
                        if (window.confirm(`Delete “${o.name}”? This cannot be undone.`)) remove.mutate(o.id);
                      }}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </main>
    </div>
  );
}
