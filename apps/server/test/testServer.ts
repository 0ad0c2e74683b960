import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ConfigInput,
  createLogger,
  type RunningServer,
  resolveConfig,
  startServer,
} from '../src/index.js';

export interface TestServer extends RunningServer {
  dataDir: string;
  /** Stop the server and remove its data directory. */
  dispose(): Promise<void>;
}

/** A real server on a free loopback port, with a real SQLite file in a fresh temp dir. */
export async function startTestServer(flags: ConfigInput = {}): Promise<TestServer> {
  const dataDir = (flags.dataDir as string | undefined) ?? mkdtempSync(join(tmpdir(), 'baton-server-'));
  const config = resolveConfig({ port: 0, loadExamples: false, agentsDir: dataDir, ...flags, dataDir }, {});
  const running = await startServer(config, createLogger('silent'));
  return {
    ...running,
    dataDir,
    async dispose() {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const PRIMARY_WITH_REVIEWERS = `primary_agent: "fastapi-backend-expert"
reviewer_agents:
  - "architecture-guardian"
  - "pytest-test-master"
parallel_execution: true  # Reviews happen in parallel
`;
