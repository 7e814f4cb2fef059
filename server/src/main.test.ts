// "npm start works": the real command on a fresh installation migrates, seeds the demo, serves
// HTTP and the device gateway on one port, and stops cleanly on SIGTERM.
import { once } from 'node:events';
import { RPCClient } from 'ocpp-rpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, freshInstallation, spawnConcierge, waitForHealth, type Installation } from './test/processes.ts';

let installation: Installation;
beforeAll(async () => { installation = await freshInstallation(); });
afterAll(async () => { await installation.remove(); });

describe('concierge start', () => {
  it('serves a fresh demo installation, then shuts down on SIGTERM with exit code 0', { timeout: 90_000 }, async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = spawnConcierge(['start'], { ...installation.env, PORT: String(port), HOST: '127.0.0.1', DEMO: '1', DEMO_SIMULATORS: '0' });
    let exited = false;
    void server.exited.then(() => { exited = true; });
    try {
      await waitForHealth(base, Date.now() + 80_000, () => (exited ? server.output.stderr + server.output.stdout : null));

      const response = await fetch(`${base}/api/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'manager@demo.test', password: 'demo-password' }),
      });
      expect(response.status).toBe(200);
      const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
      const me = await fetch(`${base}/api/me`, { headers: { cookie } });
      expect(me.status).toBe(200);

      // A device stays connected while the server shuts down: the shutdown must not wait for it forever.
      const charger = new RPCClient({ endpoint: `ws://127.0.0.1:${port}/ocpp`, identity: 'HEIMBAU-WK1', password: 'demo-device-password', protocols: ['ocpp1.6'], reconnect: false } as ConstructorParameters<typeof RPCClient>[0]);
      await charger.connect();
      expect(charger.protocol).toBe('ocpp1.6');
      const disconnected = once(charger, 'close');

      server.child.kill('SIGTERM');
      const result = await server.exited;
      expect(result.code, result.stderr).toBe(0);
      await disconnected;
      expect(server.output.stdout).toContain('shutting down');
      expect(server.output.stdout).toContain('"msg":"stopped"');
    } finally {
      if (!exited) server.child.kill('SIGKILL');
    }
  });
});
