import type { FitViewOptions } from '@xyflow/react';

/** Fit the blocks in view, leaving room for the estimate bar above and the controls below. */
export const FIT_OPTIONS: FitViewOptions = {
  padding: { top: '88px', bottom: '40px', left: '40px', right: '40px' },
  maxZoom: 1.1,
  minZoom: 0.04,
};
