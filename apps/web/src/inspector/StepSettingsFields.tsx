import type { ModelPath } from '@baton/core';
import { AgentField } from '../shared/fields/AgentField';
import { DurationField } from '../shared/fields/DurationField';
import { NumberField } from '../shared/fields/NumberField';

/** `timeout`, `retries`, `fallback_agent`: every step's settings (the stage's, or a task's own). */
export function StepSettingsFields({ base, inherited }: { base: ModelPath; inherited: string }) {
  return (
    <details className="field-group">
      <summary>Timeout, retries, fallback</summary>
      <DurationField path={[...base, 'timeout']} label="Timeout" placeholder={`${inherited} (30m)`} />
      <NumberField
        path={[...base, 'retries']}
        label="Retries"
        placeholder={`${inherited} (0)`}
        hint="0–10, with exponential backoff"
      />
      <AgentField path={[...base, 'fallback_agent']} label="Fallback agent" required={false} />
    </details>
  );
}
