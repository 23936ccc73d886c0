import type { ConversationTurn, FeudCore } from '../core.js';
import { askJson } from './jsonShapes.js';
import { formatAnswer } from './formatText.js';
import { MAX_QUESTION_CHARS } from '../text/questionLength.js';

/** The turns kept for the next question (the core reads at most the last few). */
const KEPT_TURNS = 6;

/**
 * `feudbot chat`: a conversation in the terminal, the same follow-up logic as threads in
 * Discord. Each line is a question answered with citations, read with the turns before it;
 * `--json` prints one JSON line per answer for scripts. Ends at the end of input or on "exit".
 */
export async function chat(
  core: FeudCore,
  lines: AsyncIterable<string>,
  json: boolean,
  write: (text: string) => void,
): Promise<void> {
  const history: ConversationTurn[] = [];
  for await (const raw of lines) {
    const question = raw.trim();
    if (!question) continue;
    if (/^(exit|quit|bye)$/i.test(question)) break;
    if (question.length > MAX_QUESTION_CHARS) {
      write(`That is longer than a question can be (${MAX_QUESTION_CHARS} characters); please ask it shorter.\n`);
      continue;
    }
    const result = await core.ask(question, { history });
    write(json ? JSON.stringify(askJson(result)) : `${formatAnswer(result)}\n`);
    if (result.outcome === 'answered')
      history.push({
        question,
        standalone: result.standalone ?? null,
        answer: result.answer,
        passageIds: result.citations.map((c) => c.passageId),
      });
    history.splice(0, Math.max(0, history.length - KEPT_TURNS));
  }
}
