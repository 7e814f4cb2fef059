// The `concierge` command as an operator runs it: a separate process on a fresh installation.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import type { Deps } from './deps.ts';
import { login } from './modules/auth/auth.usecases.ts';
import { freshInstallation, runConcierge, type Installation } from './test/processes.ts';

let installation: Installation;
beforeAll(async () => { installation = await freshInstallation(); });
afterAll(async () => { await installation.remove(); });

const run = (...args: string[]) => runConcierge(args, installation.env);

describe('concierge command', { timeout: 60_000 }, () => {
  it('lists its commands with --help', async () => {
    const result = await run('--help');
    expect(result.code).toBe(0);
    for (const command of ['start', 'migrate', 'seed-demo', 'create-operator']) expect(result.stdout).toContain(command);
  });

  it('refuses an unknown command with the usage', async () => {
    const result = await run('frobnicate');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown command "frobnicate"');
    expect(result.stderr).toContain('create-operator');
  });

  it('migrates a new database once, then reports it up to date', async () => {
    const first = await run('migrate');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Applied migrations: 1\b/);
    const second = await run('migrate');
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('The database is up to date.');
  });

  it('seeds the demo data into an empty database, and only there', async () => {
    const first = await run('seed-demo');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('demo-password');
    const second = await run('seed-demo');
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('already holds data');
  });

  it('creates an operator who can then log in', async () => {
    const created = await run('create-operator', '--email', 'ops@example.org', '--name', 'Olga Ops', '--password', 'a-long-password-1');
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('Operator ops@example.org created.');

    const again = await run('create-operator', '--email', 'ops@example.org', '--name', 'Olga Ops', '--password', 'a-long-password-1');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('This e-mail already has a login');

    const config = loadConfig({ ...installation.env, LOG_LEVEL: 'silent' });
    const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const deps = { db: handle.db, config, clock: { now: () => new Date() }, log: pino({ level: 'silent' }) } as Deps;
      const result = await login(deps, { email: 'ops@example.org', password: 'a-long-password-1', ip: null, userAgent: null });
      expect(result.secondFactorRequired).toBe(false);
      await expect(login(deps, { email: 'ops@example.org', password: 'wrong-password', ip: null, userAgent: null })).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
    } finally {
      await handle.close();
    }
  });

  it('asks for the missing options of create-operator', async () => {
    const result = await run('create-operator', '--email', 'x@example.org');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('needs --email, --name and a password');
  });
});
