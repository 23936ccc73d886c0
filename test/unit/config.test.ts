import { describe, expect, it } from 'vitest';
import { ConfigError, INSTALL_DIR, loadConfig } from '../../src/config.js';
import { PROJECT_ROOT } from '../helpers/corpus.js';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({}, '/srv/feudbot');
    expect(config.dbPath).toBe('/srv/feudbot/data/feudbot.db');
    expect(config.corpusDir).toBe('/srv/feudbot/corpus');
    expect(config.openai).toMatchObject({ enabled: false, timeoutMs: 30_000, model: 'gpt-4o-mini' });
    expect(config.discord).toMatchObject({ cooldownSeconds: 10, moderatorRoleIds: [], allowedChannelIds: [] });
  });

  it('takes paths from FEUDBOT_HOME or the installation, never from the current folder', () => {
    expect(INSTALL_DIR).toBe(PROJECT_ROOT.replace(/\/$/, ''));
    const home = loadConfig({ FEUDBOT_HOME: '/var/lib/feudbot', CORPUS_DIR: 'articles' }, '/opt/feudbot');
    expect(home.dbPath).toBe('/var/lib/feudbot/data/feudbot.db');
    expect(home.corpusDir).toBe('/var/lib/feudbot/articles');
    // The bundled corpus stays the default wherever the data lives.
    expect(loadConfig({ FEUDBOT_HOME: '/var/lib/feudbot' }, '/opt/feudbot').corpusDir).toBe('/opt/feudbot/corpus');
    expect(loadConfig({ FEUDBOT_DB_PATH: '/tmp/x.db' }, '/opt/feudbot').dbPath).toBe('/tmp/x.db');
  });

  it('treats blank values as unset and turns the model on with a key or a base URL', () => {
    expect(loadConfig({ OPENAI_API_KEY: '  ', OPENAI_TIMEOUT_MS: '' }).openai.enabled).toBe(false);
    expect(loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' }).openai.enabled).toBe(true);
  });

  it('runs one process unless SHARDS says auto or a number; in a shard process SHARDS is its id, not this setting', () => {
    expect(loadConfig({}).discord.shards).toBeNull();
    expect(loadConfig({ SHARDS: 'auto' }).discord.shards).toBe('auto');
    expect(loadConfig({ SHARDS: ' 2 ' }).discord.shards).toBe(2);
    // discord.js's ShardingManager starts shard 0 with SHARDS=0, SHARD_COUNT=2.
    const shard = { SHARDING_MANAGER: 'true', SHARDS: '0', SHARD_COUNT: '2' };
    expect(loadConfig(shard).discord.shards).toBeNull();
  });

  it('reads id lists', () => {
    expect(
      loadConfig({ MODERATOR_ROLE_IDS: '123456789012345678, 223456789012345678' }).discord.moderatorRoleIds,
    ).toEqual(['123456789012345678', '223456789012345678']);
  });

  it.each([
    ['OPENAI_TIMEOUT_MS', 'soon', 'OPENAI_TIMEOUT_MS must be a whole number of milliseconds'],
    ['OPENAI_BASE_URL', 'localhost:11434', 'OPENAI_BASE_URL must be an http(s) URL'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL must be one of'],
    ['MODERATOR_ROLE_IDS', 'admins', 'MODERATOR_ROLE_IDS must be a comma-separated list of role ids'],
    ['DISCORD_APPLICATION_ID', 'my-bot', 'DISCORD_APPLICATION_ID'],
    ['SHARDS', 'many', 'SHARDS must be auto or a whole number of shards'],
    ['SHARDS', '0', 'SHARDS must be auto or a whole number of shards'],
  ])('names %s when it is wrong', (name, value, expected) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(expected);
  });

  it('never echoes a secret-looking value', () => {
    // Keys as providers issue them, pasted into the wrong variable: none names itself a key.
    for (const value of ['sk-proj-AbC123', 'ghp_1a2B3c4D', 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5']) {
      expect(() => loadConfig({ OPENAI_BASE_URL: value })).toThrow(ConfigError);
      try {
        loadConfig({ OPENAI_BASE_URL: value });
      } catch (error) {
        expect(String(error)).not.toContain(value.slice(3));
      }
    }
    // A short plain value is echoed, to help find a typo.
    expect(() => loadConfig({ OPENAI_BASE_URL: 'localhost:11434' })).toThrow(/got "localhost:11434"/);
  });
});
