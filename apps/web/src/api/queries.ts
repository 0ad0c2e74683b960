import { type AgentCatalog, BUILTIN_AGENTS, type OrchestrationRecord } from '@baton/core';
import { QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

export const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 10_000 } },
});

export const keys = {
  agents: ['agents'] as const,
  list: ['orchestrations'] as const,
  one: (id: string) => ['orchestrations', id] as const,
  runs: (orchestrationId: string) => ['runs', orchestrationId] as const,
  health: ['health'] as const,
};

/** The server's agent registry as a catalog; the built-in agents until (or unless) it answers. */
export function useAgentRegistry(): AgentCatalog {
  const { data } = useQuery({
    queryKey: keys.agents,
    queryFn: async () => {
      const { agents } = await api.agents();
      return Object.fromEntries(agents.map((a) => [a.name, a])) as AgentCatalog;
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
  return data ?? BUILTIN_AGENTS;
}

export const useOrchestrations = () => useQuery({ queryKey: keys.list, queryFn: api.list });

export const useOrchestration = (id: string | undefined) =>
  useQuery({
    queryKey: keys.one(id ?? ''),
    queryFn: () => api.get(id as string),
    enabled: !!id,
    staleTime: Number.POSITIVE_INFINITY,
  });

export function useCreateOrchestration() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (yaml: string) => api.create(yaml),
    onSuccess: (record: OrchestrationRecord) => {
      client.setQueryData(keys.one(record.id), record);
      void client.invalidateQueries({ queryKey: keys.list, exact: true });
    },
  });
}

export function useDeleteOrchestration() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.remove(id),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.list, exact: true }),
  });
}

/** The runs of an orchestration, newest first (the Run tab's history). */
export const useRuns = (orchestrationId: string | null) =>
  useQuery({
    queryKey: keys.runs(orchestrationId ?? ''),
    queryFn: () => api.runs(orchestrationId as string),
    enabled: !!orchestrationId,
  });

/** What the server offers (its dispatchers): asked once. */
export const useHealth = () =>
  useQuery({ queryKey: keys.health, queryFn: api.health, staleTime: Number.POSITIVE_INFINITY });
