// `concierge simulate`: its arguments, and the command run as a separate process against a gateway.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDevice, DEVICE_PASSWORD, startGatewayWorld, type GatewayWorld } from '../gateway/ocpp/testing.ts';
import { createTestContext, type TestContext } from '../test/app.ts';
import { runConcierge, spawnConcierge } from '../test/processes.ts';
import { parseSimulateArgs, UsageError } from './simulate.cli.ts';

const url = ['--url', 'ws://localhost:3000/ocpp'];

describe('simulate arguments', () => {
  it('reads a terminal with its connectors, password and autopilot', () => {
    const plan = parseSimulateArgs(['terminal', ...url, '--identity', 'WK-1', '--password', 'pw', '--connectors', 'washer:energy,dryer:time', '--autopilot', '--tags', 'AA01, BB02']);
    expect(plan).toMatchObject({
      kind: 'terminal', url: 'ws://localhost:3000/ocpp', identities: ['WK-1'], password: 'pw',
      connectors: [{ connectorId: 1, kind: 'washer', metering: 'energy' }, { connectorId: 2, kind: 'dryer', metering: 'time' }],
      autopilot: { tags: ['AA01', 'BB02'], arrivalMinutes: 10 },
    });
  });

  it('defaults a terminal to two energy washers and a charger to one 11 kW connector', () => {
    expect(parseSimulateArgs(['terminal', ...url, '--identity', 'WK-1']).connectors.map((c) => `${c.kind}:${c.metering}`)).toEqual(['washer:energy', 'washer:energy']);
    const charger = parseSimulateArgs(['charger', ...url, '--identity', 'EV-1', '--power', '22000']);
    expect(charger.connectors).toEqual([{ connectorId: 1, kind: 'ev_connector', metering: 'energy', name: 'Charge point 1', powerW: 22_000 }]);
  });

  it('connects over TLS with a certificate to trust, or without checking it when told', () => {
    expect(parseSimulateArgs(['terminal', '--url', 'wss://concierge.example/ocpp', '--identity', 'X', '--ca', 'ca.pem']).tls).toEqual({ caFile: 'ca.pem', verify: true });
    expect(parseSimulateArgs(['terminal', '--url', 'wss://127.0.0.1:3000/ocpp', '--identity', 'X', '--insecure']).tls).toEqual({ verify: false });
    expect(parseSimulateArgs(['terminal', ...url, '--identity', 'X']).tls).toBeUndefined();
  });

  it('names many devices for a load test', () => {
    expect(parseSimulateArgs(['charger', ...url, '--count', '3', '--identity-prefix', 'LOAD-']).identities).toEqual(['LOAD-0001', 'LOAD-0002', 'LOAD-0003']);
    expect(parseSimulateArgs(['terminal', ...url, '--count', '2', '--identity', 'WK']).identities).toEqual(['WK-0001', 'WK-0002']);
  });

  it.each([
    [['lock', ...url, '--identity', 'X'], '"terminal" or "charger"'],
    [['terminal', '--identity', 'X'], '--url is required'],
    [['terminal', '--url', 'http://localhost:3000/ocpp', '--identity', 'X'], 'ws:// or wss://'],
    [['terminal', ...url], '--identity is required'],
    [['terminal', ...url, '--identity', 'X', '--connectors', 'energy,time,energy'], 'at most 2 metered circuits'],
    [['terminal', ...url, '--identity', 'X', '--connectors', 'energy,impulse'], 'either metered'],
    [['terminal', ...url, '--identity', 'X', '--connectors', Array(9).fill('impulse').join(',')], 'at most 8 impulse outputs'],
    [['terminal', ...url, '--identity', 'X', '--connectors', 'washer:steam'], 'is not'],
    [['charger', ...url, '--identity', 'X', '--connectors', 'washer:energy'], 'a charger has'],
    [['terminal', ...url, '--identity', 'X', '--autopilot'], 'needs --tags'],
    [['terminal', ...url, '--identity', 'X', '--count', '0'], '--count must be'],
    [['terminal', ...url, '--identity', 'bad/identity'], 'letters, digits'],
    [['terminal', ...url, '--identity', 'X', '--frobnicate'], 'Unknown option'],
    [['terminal', ...url, '--identity', 'X', '--insecure'], 'for a wss:// --url'],
  ])('refuses %j', (args, message) => {
    expect(() => parseSimulateArgs(args)).toThrow(UsageError);
    expect(() => parseSimulateArgs(args)).toThrow(message);
  });
});

describe('concierge simulate as a process', { timeout: 60_000 }, () => {
  let ctx: TestContext;
  let world: GatewayWorld;
  beforeAll(async () => {
    ctx = await createTestContext();
    world = await startGatewayWorld(ctx);
  });
  afterAll(async () => {
    await world.close();
    await ctx.close();
  });

  it('prints the usage and exits 2 on bad arguments', async () => {
    const result = await runConcierge(['simulate', 'terminal', '--identity', 'X'], { LOG_LEVEL: 'silent' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--url is required');
    expect(result.stderr).toContain('simulate terminal|charger');
  });

  it('exits 1 when the Central System refuses the device', async () => {
    const result = await runConcierge(['simulate', 'terminal', '--url', world.url, '--identity', 'NOBODY-HERE', '--password', 'x'], { LOG_LEVEL: 'silent' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('HTTP 404');
  });

  it('connects a terminal, is accepted, and stops cleanly on SIGTERM', async () => {
    const { identity } = await addDevice(world, { appliances: [{ connectorId: 1, kind: 'washer', metering: 'energy' }] });
    const run = spawnConcierge(['simulate', 'terminal', '--url', world.url, '--identity', identity, '--password', DEVICE_PASSWORD, '--connectors', 'energy'], { LOG_LEVEL: 'silent' });
    const deadline = Date.now() + 45_000;
    while (!run.output.stdout.includes('accepted by the Central System') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(run.output.stdout).toContain(`${identity} accepted by the Central System`);
    run.child.kill('SIGTERM');
    const result = await run.exited;
    expect(result.code).toBe(0);
  });
});
