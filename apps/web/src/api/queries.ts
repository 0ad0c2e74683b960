import {
  type AgentCatalog,
  BUILTIN_AGENTS,
  type OrchestrationRecord,
  type RegistryDiagnostic,
} from '@baton/core';
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

/** `GET /api/agents`, as the editor keeps it: the agents by name, and what could not be read. */
export interface AgentRegistry {
  catalog: AgentCatalog;
  diagnostics: readonly RegistryDiagnostic[];
}

const NO_DIAGNOSTICS: readonly RegistryDiagnostic[] = [];

const useRegistryQuery = () =>
  useQuery({
    queryKey: keys.agents,
    queryFn: async (): Promise<AgentRegistry> => {
      const { agents, diagnostics } = await api.agents();
      return {
        catalog: Object.fromEntries(agents.map((a) => [a.name, a])) as AgentCatalog,
        // A server from before diagnostics answers without them.
        diagnostics: Array.isArray(diagnostics) ? diagnostics : NO_DIAGNOSTICS,
      };
    },
    staleTime: Number.POSITIVE_INFINITY,
  });

/** The server's agent registry as a catalog; the built-in agents until (or unless) it answers. */
export function useAgentRegistry(): AgentCatalog {
  return useRegistryQuery().data?.catalog ?? BUILTIN_AGENTS;
}

/** What the registry could not read (errors) or read with a warning; none until it answers. */
export function useAgentDiagnostics(): readonly RegistryDiagnostic[] {
  return useRegistryQuery().data?.diagnostics ?? NO_DIAGNOSTICS;
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
