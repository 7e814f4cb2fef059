// A PDF worker thread (pool.ts): loads the TypeScript renderers through tsx, as bin/concierge.js
// does for the process, then renders what the main thread asks for.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { renderers } = await import('./pool.renderers.ts');

parentPort.on('message', async ({ id, kind, args }) => {
  try {
    const pdf = await renderers[kind](...args);
    parentPort.postMessage({ id, pdf });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.stack ?? error.message : String(error) });
  }
});
parentPort.postMessage({ ready: true });
