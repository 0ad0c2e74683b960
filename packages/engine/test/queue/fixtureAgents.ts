import { fileURLToPath } from 'node:url';
import type { AgentInfo } from '@baton/core';

/** A command agent running one of ../fixtures' scripts with Node (an agent file's definition). */
export function fixtureAgent(
  name: string,
  script: string,
  args: string[] = [],
  env?: Record<string, string>,
): AgentInfo {
  const path = fileURLToPath(new URL(`../fixtures/${script}`, import.meta.url));
  return {
    name,
    source: 'file',
    runtime: { kind: 'command', command: [process.execPath, path, ...args], ...(env ? { env } : {}) },
  };
}
