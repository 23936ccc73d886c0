import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeudCore } from '../../src/core.js';
import { readEvalQuestions, runEval, type EvalReport } from '../../src/evaluation/runEval.js';
import { type FakeOpenAI, isTranslationRequest, startFakeOpenAI } from '../helpers/fakeOpenAI.js';
import { coreWithFakeModel, structured } from '../helpers/llmCore.js';

const QUESTIONS = fileURLToPath(new URL('./questions.jsonl', import.meta.url));
const TRANSLATIONS = JSON.parse(readFileSync(new URL('./translations.json', import.meta.url), 'utf8')) as Record<
  string,
  { en: string; de: string }
>;

// The eval with the model layer on: a fake model that writes the scripted translations
// (test/eval/translations.json), as a real model would, and answers refusals for off-topic questions.
describe('eval with query translation by a model', () => {
  let fake: FakeOpenAI;
  let core: FeudCore;
  let report: EvalReport;
  beforeAll(async () => {
    fake = await startFakeOpenAI((request) => {
      if (isTranslationRequest(request)) {
        const question = request.body.messages[1]!.content;
        const t = TRANSLATIONS[question];
        if (!t) return { kind: 'error', status: 400, message: 'no scripted translation' };
        return {
          kind: 'completion',
          content: JSON.stringify({
            queries: [
              { language: 'en', query: t.en },
              { language: 'de', query: t.de },
            ],
          }),
        };
      }
      return { kind: 'completion', content: structured('Not covered.', [], false) };
    });
    core = await coreWithFakeModel(fake, { maxRetries: 0 });
    report = await runEval(core, readEvalQuestions(QUESTIONS));
  });
  afterAll(async () => {
    core.close();
    await fake.close();
  });

  it('reaches cross-language recall@5 of 0.95, using the translations', () => {
    const translationCalls = fake.requests.filter(isTranslationRequest);
    expect(translationCalls.length).toBeGreaterThanOrEqual(Object.keys(TRANSLATIONS).length);
    expect(translationCalls[0]!.body.messages[0]!.content).toMatch(/de \(German\), en \(English\)/);
    expect(report.byKind['cross-language']!.recallAt5).toBeGreaterThanOrEqual(0.95);
    expect(report.byKind['same-language']!.recallAt5).toBeGreaterThanOrEqual(0.95);
  });

  it('caches translations per question and corpus version; search translates as ask does', async () => {
    const translations = () => fake.requests.filter(isTranslationRequest).length;
    // Asked by the eval: its translations are cached already.
    const before = translations();
    await core.retrieve("What did Ilya Sutskever's email say about Musk?");
    expect(translations()).toBe(before);
    // Not asked yet: a search translates it once (as ask would), then uses the cache.
    TRANSLATIONS['Who wrote the email about Musk leaving?'] = { en: 'email Musk leaving', de: 'E-Mail Musk Abgang' };
    await core.retrieve('Who wrote the email about Musk leaving?');
    expect(translations()).toBe(before + 1);
    await core.retrieve('Who wrote the email about Musk leaving?');
    expect(translations()).toBe(before + 1);
  });
});
