import '@xyflow/react/dist/style.css';
import './theme/theme.css';
import './theme/app.css';
import './theme/list.css';
import './theme/overlays.css';
import './theme/palette.css';
import './theme/canvas.css';
import './theme/blocks.css';
import './theme/steps.css';
import './theme/panel.css';
import './theme/yaml-tab.css';
import './theme/run.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
