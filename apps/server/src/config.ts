import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { redisOptions } from '@baton/engine';

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  /** Folder with `.claude/agents/*.md` and `baton.agents.yaml`. */
  agentsDir: string;
  /** Every run's working folder, the agents' (docs/design.md §3.3): `--workspace`, default where the server started. */
  workspace: string;
  dispatcher: 'local' | 'queue';
  redisUrl: string | null;
  token: string | null;
  /** Extra host names the server may be addressed by (beyond loopback and the bind host). */
  allowedHosts: string[];
  /** Load the examples into an empty store. */
  loadExamples: boolean;
  /** Folder of the built web app (`apps/web/dist`; `BATON_WEB_DIR`: the web bench serves its own build). */
  webDir: string;
}

export class ConfigError extends Error {}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/i;

export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

export type ConfigInput = Partial<
  Record<keyof ServerConfig, string | number | boolean | string[] | null | undefined>
>;

/**
 * Settings from flags, then the environment (`BATON_*`), then defaults (docs/design.md §4). Refuses
 * what would be unsafe: listening beyond loopback without a token.
 */
export function resolveConfig(flags: ConfigInput, env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const pick = (key: keyof ServerConfig, envName: string) => {
    const flag = flags[key];
    return flag !== undefined && flag !== null && flag !== '' ? flag : env[envName];
  };
  const portValue = pick('port', 'BATON_PORT') ?? 4800;
  const port = Number(portValue);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError(`port must be a whole number from 0 to 65535, not '${portValue}'`);
  }
  const dispatcher = String(pick('dispatcher', 'BATON_DISPATCHER') ?? 'local');
  if (dispatcher !== 'local' && dispatcher !== 'queue') {
    throw new ConfigError(`dispatcher must be 'local' or 'queue', not '${dispatcher}'`);
  }
  const redisUrl = (pick('redisUrl', 'BATON_REDIS_URL') as string | undefined) ?? null;
  if (dispatcher === 'queue' && !redisUrl)
    throw new ConfigError('--dispatcher queue needs --redis URL (or BATON_REDIS_URL)');
  if (redisUrl) {
    try {
      redisOptions(redisUrl);
    } catch (error) {
      throw new ConfigError(`--redis: ${(error as Error).message}`);
    }
  }
  const host = String(pick('host', 'BATON_HOST') ?? '127.0.0.1');
  const token = (pick('token', 'BATON_TOKEN') as string | undefined) ?? null;
  if (!isLoopback(host) && !token) {
    throw new ConfigError(
      `refusing to listen on ${host} without a token: anyone who can reach it could run agents. Set BATON_TOKEN, or listen on 127.0.0.1`,
    );
  }
  const extraHosts = pick('allowedHosts', 'BATON_ALLOWED_HOSTS');
  return {
    host,
    port,
    dataDir: resolve(String(pick('dataDir', 'BATON_DATA_DIR') ?? './.baton')),
    agentsDir: resolve(String(pick('agentsDir', 'BATON_AGENTS_DIR') ?? '.')),
    workspace: workspaceFolder(String(pick('workspace', 'BATON_WORKSPACE') ?? '.')),
    dispatcher,
    redisUrl,
    token,
    allowedHosts: Array.isArray(extraHosts)
      ? extraHosts
      : typeof extraHosts === 'string'
        ? extraHosts
            .split(',')
            .map((h) => h.trim())
            .filter(Boolean)
        : [],
    loadExamples: flags.loadExamples !== false && env.BATON_LOAD_EXAMPLES !== '0',
    webDir: resolve(
      String(pick('webDir', 'BATON_WEB_DIR') ?? new URL('../../web/dist', import.meta.url).pathname),
    ),
  };
}

/** The workspace, absolute; refused at start-up unless it is an existing folder (agents would fail in it later). */
function workspaceFolder(value: string): string {
  const dir = resolve(value);
  const info = statSync(dir, { throwIfNoEntry: false });
  if (!info)
    throw new ConfigError(`the workspace ${dir} does not exist: create it, or pick another with --workspace`);
  if (!info.isDirectory())
    throw new ConfigError(`the workspace ${dir} is not a folder: pass a folder to --workspace`);
  return dir;
}
