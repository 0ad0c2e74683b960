import { type FileForm, SerializeError, serialize, toMermaid } from '@baton/core';
import { toast } from '../shared/useToastStore';
import { useDocumentStore } from '../store/useDocumentStore';
import { useSessionStore } from '../store/useSessionStore';
import { downloadText, slug } from './download';

export type ExportFormat = FileForm | 'mermaid';

function baseName(): string {
  const { document } = useDocumentStore.getState();
  return slug(
    document.name ?? useSessionStore.getState().name ?? document.stages[0]?.name ?? 'orchestration',
  );
}

/**
 * The open document as a file: full or seed form (keeping the comments of the file it came
 * from where the form is the same), or a Mermaid flowchart of its plan.
 */
export function exportText(format: ExportFormat): string {
  const { document, source, views } = useDocumentStore.getState();
  if (format === 'mermaid') return toMermaid(views.plan);
  return serialize(document, { form: format, source: source?.form === format ? source : null });
}

export function exportDocument(format: ExportFormat) {
  try {
    const text = exportText(format);
    if (format === 'mermaid') downloadText(`${baseName()}.mmd`, text, 'text/vnd.mermaid');
    else
      downloadText(`${baseName()}${format === 'seed' ? '.seed' : ''}.baton.yaml`, text, 'application/yaml');
  } catch (error) {
    toast('error', error instanceof SerializeError ? error.message : 'Export failed');
  }
}
