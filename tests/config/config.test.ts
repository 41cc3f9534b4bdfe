import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';

describe('configuration', () => {
  it('has working defaults on an empty environment', () => {
    const config = loadConfig({});
    expect(config.LEDGER_STORE).toBe('sqlite');
    expect(config.LEDGER_DATA_DIR).toBe('./data');
    expect(config.LEDGER_PORT).toBe(3000);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('coerces numbers and ignores unrelated and empty variables', () => {
    const config = loadConfig({ LEDGER_PORT: '8080', LEDGER_STORE: '', PATH: '/bin' });
    expect(config.LEDGER_PORT).toBe(8080);
    expect(config.LEDGER_STORE).toBe('sqlite');
  });

  it('names every wrong variable and what is allowed', () => {
    let thrown: unknown;
    try {
      loadConfig({ LEDGER_STORE: 'postgres', LEDGER_PORT: '70000', LOG_LEVEL: 'loud' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const problems = (thrown as ConfigError).problems.map((p) => p.variable).sort();
    expect(problems).toEqual(['LEDGER_PORT', 'LEDGER_STORE', 'LOG_LEVEL']);
    expect((thrown as ConfigError).message).toMatch(/LEDGER_STORE: .*sqlite.*kurrentdb/);
  });

  it('refuses a connection string that is not a KurrentDB URL', () => {
    expect(() => loadConfig({ LEDGER_KURRENTDB_URL: 'http://localhost:2113' })).toThrow(/LEDGER_KURRENTDB_URL/);
  });
});
