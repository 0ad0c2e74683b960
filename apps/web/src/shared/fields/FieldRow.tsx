import { useId } from 'react';
import { classNames } from '../classNames';

/** A labelled field with its inline validation message and an optional hint. */
export function FieldRow({
  label,
  issue,
  hint,
  children,
  keyName,
}: {
  label: string;
  issue?: string | null;
  hint?: string;
  keyName?: string;
  children: (id: string) => React.ReactNode;
}) {
  const id = useId();
  return (
    <div className={classNames('field', issue && 'has-issue')} data-field={keyName}>
      <label className="field-label" htmlFor={id}>
        {label}
        {keyName ? <code className="field-key">{keyName}</code> : null}
      </label>
      {children(id)}
      {issue ? (
        <div className="field-issue" role="alert" data-testid="field-issue">
          {issue}
        </div>
      ) : hint ? (
        <div className="field-hint">{hint}</div>
      ) : null}
    </div>
  );
}
