import '@xyflow/react/dist/style.css';
import { createRoot } from 'react-dom/client';
import { BareFlowPage } from './BareFlowPage';

createRoot(document.getElementById('root') as HTMLElement).render(<BareFlowPage />);
