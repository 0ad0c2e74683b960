import { QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { queryClient } from './api/queries';
import { EditorPage } from './editor/EditorPage';
import { OrchestrationListPage } from './list/OrchestrationListPage';
import { Toasts } from './shared/Toasts';

/** Addresses (docs/design.md §5): `/` the list, `/o/:id` the editor, `/o/:id/runs/:runId` a run. */
const router = createBrowserRouter([
  { path: '/', element: <OrchestrationListPage /> },
  { path: '/new', element: <EditorPage /> },
  { path: '/o/:id', element: <EditorPage /> },
  { path: '/o/:id/runs/:runId', element: <EditorPage /> },
  { path: '*', element: <OrchestrationListPage /> },
]);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
      <Toasts />
    </QueryClientProvider>
  );
}
