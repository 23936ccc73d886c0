import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/botHarness.js';

// Issue 25, item 2: /metrics in Prometheus' text format and /healthz, on loopback, off by default.
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Prometheus text: `name{labels} value` lines, comments and blank lines aside. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (-?[0-9.e+-]+|NaN|\+Inf|-Inf)$/.exec(line);
    if (!match) throw new Error(`not Prometheus text: ${line}`);
    out.set(match[1]!, Number(match[2]));
  }
  return out;
}

describe('metrics and health over HTTP', () => {
  it('opens no port unless asked', async () => {
    h = await startHarness();
    expect(h.bot.metricsUrl()).toBeNull();
  });

  it('counts questions as they are asked, and /healthz turns 503 when the gateway is lost', async () => {
    h = await startHarness({ metrics: true });
    const url = h.bot.metricsUrl()!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const scrape = async () => samples(await (await fetch(`${url}/metrics`)).text());
    const before = await scrape();
    expect(before.get('feudbot_articles')).toBe(5);
    expect(before.get('feudbot_gateway_up')).toBe(1);
    await h.answered(h.discord.slash(h.discord.users.member, 'ask', { question: 'why did Musk leave OpenAI' }));
    await h.answered(h.discord.slash(h.discord.users.other, 'ask', { question: 'What is the capital of France?' }));
    const after = await scrape();
    expect(after.get('feudbot_questions_total{surface="ask",outcome="answered",mode="extractive"}')).toBe(1);
    expect(after.get('feudbot_questions_total{surface="ask",outcome="refused",mode="extractive"}')).toBe(1);
    expect(after.get('feudbot_answer_seconds_count{surface="ask"}')).toBe(2);
    expect(after.get('feudbot_ack_seconds_count')).toBe(2);

    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    h.discord.dropGateway();
    await expect.poll(async () => (await fetch(`${url}/healthz`)).status, { timeout: 10_000 }).toBe(503);
    expect(await (await fetch(`${url}/healthz`)).text()).toMatch(/gateway is not connected/);
    expect((await scrape()).get('feudbot_gateway_up')).toBe(0);
  });
});
