import type { OrchestrationRecord } from '@baton/core';
import { type APIRequestContext, expect } from '@playwright/test';

/** Store an orchestration through the API, as another client would. */
export async function createOrchestration(
  request: APIRequestContext,
  yaml: string,
): Promise<OrchestrationRecord> {
  const response = await request.post('/api/orchestrations', { data: { yaml } });
  expect(response.status()).toBe(201);
  return (await response.json()) as OrchestrationRecord;
}

export async function getOrchestration(request: APIRequestContext, id: string): Promise<OrchestrationRecord> {
  const response = await request.get(`/api/orchestrations/${id}`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as OrchestrationRecord;
}

/** Save over a version, as someone in another tab would. */
export async function updateOrchestration(
  request: APIRequestContext,
  id: string,
  yaml: string,
  version: number,
): Promise<OrchestrationRecord> {
  const response = await request.put(`/api/orchestrations/${id}`, {
    data: { yaml },
    headers: { 'If-Match': `"${version}"` },
  });
  expect(response.status()).toBe(200);
  return (await response.json()) as OrchestrationRecord;
}
