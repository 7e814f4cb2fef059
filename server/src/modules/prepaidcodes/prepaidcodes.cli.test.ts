// `concierge codes` reaches its command: one spawn, refused before any database is opened. The
// batch and its CSV are tested in-process (prepaidcodes.test.ts), which costs no process.
import { describe, expect, it } from 'vitest';
import { runConcierge } from '../../test/processes.ts';

describe('concierge codes', { timeout: 60_000 }, () => {
  it('refuses a batch without a product with the usage', async () => {
    const result = await runConcierge(['codes', 'generate', '--quantity', '10'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('codes generate needs --product and --quantity.');
    expect(result.stderr).toContain('codes generate --product management_5y|organisation_option|organisation_management|key_pack');
    expect(result.stdout).toBe('');
  });
});
