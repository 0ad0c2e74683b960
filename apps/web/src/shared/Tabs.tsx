import type { ReactNode } from 'react';
import { classNames } from './classNames';

export interface TabItem<T extends string> {
  id: T;
  label: ReactNode;
}

/** A row of tabs (role tablist); `data-testid` of each is `<testIdPrefix><id>`. */
export function Tabs<T extends string>({
  tabs,
  value,
  onChange,
  testIdPrefix,
  className = '',
}: {
  tabs: readonly TabItem<T>[];
  value: T;
  onChange(tab: T): void;
  testIdPrefix: string;
  className?: string;
}) {
  return (
    <div className={classNames('tabs', className)} role="tablist">
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          aria-selected={value === t.id}
          className={classNames('tab', value === t.id && 'is-active')}
          onClick={() => onChange(t.id)}
          data-testid={`${testIdPrefix}${t.id}`}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
