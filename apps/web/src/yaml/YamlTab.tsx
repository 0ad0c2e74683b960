import { seedFormBlocker } from '@baton/core';
import { effectiveForm, useDocumentStore } from '../store/useDocumentStore';
import { DiagnosticsList } from './DiagnosticsList';
import { type EditHistory, YamlEditor } from './YamlEditor';

/** The YAML tab: the document as a file, in seed or full form, with its diagnostics. */
export function YamlTab({ history }: { history: EditHistory }) {
  const document = useDocumentStore((s) => s.document);
  const preferred = useDocumentStore((s) => s.preferredForm);
  const setPreferredForm = useDocumentStore((s) => s.setPreferredForm);
  const form = effectiveForm(document, preferred);
  const blocker = seedFormBlocker(document);
  return (
    <div className="yaml-tab">
      <div className="yaml-toolbar">
        <fieldset className="segmented">
          <legend className="sr-only">File form</legend>
          <button
            type="button"
            aria-pressed={form === 'seed'}
            className={form === 'seed' ? 'is-on' : ''}
            disabled={blocker !== null}
            title={blocker ?? 'One pattern’s keys at the top level, as in the seed document'}
            onClick={() => setPreferredForm('seed')}
            data-testid="form-seed"
          >
            Seed form
          </button>
          <button
            type="button"
            aria-pressed={form === 'full'}
            className={form === 'full' ? 'is-on' : ''}
            title="version, name, stages: any number of patterns with needs"
            onClick={() => setPreferredForm('full')}
            data-testid="form-full"
          >
            Full form
          </button>
        </fieldset>
        <span className="yaml-hint">Edits apply as you type</span>
      </div>
      <YamlEditor history={history} />
      <DiagnosticsList />
    </div>
  );
}
