import { describe, expect, it } from 'vitest';
import { ConfigError, DEVELOPMENT_CREDENTIAL_KEY, loadConfig } from './config.ts';
import { runConcierge } from './test/processes.ts';

function refusal(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('configuration', () => {
  it('starts from defaults: port 3000, PGlite under ./data, demo on, every role', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, dataDir: './data', databaseUrl: undefined, demo: true, roles: ['api', 'gateway', 'worker'] });
  });

  it.each([
    ['PORT', 'abc'], ['PORT', '70000'], ['PORT', '-1'], ['PORT', '80.5'],
    ['DATABASE_URL', 'not a url'], ['DATABASE_URL', 'mysql://db/concierge'],
    ['DEMO', 'maybe'], ['ROLES', 'api,billing'], ['LOG_LEVEL', 'loud'], ['SMTP_URL', 'http://mail'],
  ])('refuses %s=%s, naming the variable', (variable, value) => {
    const error = refusal({ [variable]: value });
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
  });

  it('reads valid values', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u@db:5432/c', DEMO: '0', ROLES: 'api, worker' });
    expect(config).toMatchObject({ port: 8080, databaseUrl: 'postgres://u@db:5432/c', demo: false, roles: ['api', 'worker'] });
  });

  it('keys PIN hashes with CREDENTIAL_KEY: a development default, but a deployment over https must set its own', () => {
    expect(loadConfig({}).credentialKey).toBe(DEVELOPMENT_CREDENTIAL_KEY);
    expect(loadConfig({ PUBLIC_URL: 'http://192.168.1.20:3000' }).credentialKey).toBe(DEVELOPMENT_CREDENTIAL_KEY);
    const key = 'a'.repeat(64);
    expect(loadConfig({ PUBLIC_URL: 'https://concierge.example', CREDENTIAL_KEY: key }).credentialKey).toBe(key);
    expect(refusal({ PUBLIC_URL: 'https://concierge.example' }).variable).toBe('CREDENTIAL_KEY');
    expect(refusal({ CREDENTIAL_KEY: 'short' }).variable).toBe('CREDENTIAL_KEY');
  });

  it('stops `concierge start` with a message naming a bad PORT', async () => {
    const result = await runConcierge(['start'], { PORT: 'abc', DATA_DIR: '/nonexistent/never-created' });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).toContain('"abc"');
    expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });
});
