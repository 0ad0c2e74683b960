import '@xyflow/react/dist/style.css';
import './theme/theme.css';
import './theme/app.css';
import './theme/canvas.css';
import './theme/panel.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
