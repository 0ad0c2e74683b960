#!/usr/bin/env node
import { main } from '../dist/main.js';

// `baton validate … | head`: a reader that stops early is no error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
