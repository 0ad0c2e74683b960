export { ConfigError, type ConfigInput, isLoopback, resolveConfig, type ServerConfig } from './config.js';
export { type AppContext, createApp, VERSION } from './createApp.js';
export { createLogger } from './logger.js';
export { RunManager } from './runs/RunManager.js';
export { PortInUseError, type RunningServer, startServer } from './startServer.js';
export { StartupError } from './startupError.js';
export { DataDirInUseError } from './store/dataDirLock.js';
