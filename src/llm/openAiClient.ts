import OpenAI from 'openai';
import { cappedFetch } from './cappedFetch.js';

// Local servers (Ollama, llama.cpp, vLLM, TEI) ignore the key, but the SDK wants one.
const NO_KEY = 'not-needed';

/**
 * The official client as every peer call here uses it: no SDK retries (withDeadline
 * retries, within the call's deadline; the SDK's would wait as long as a server asks),
 * and replies cut off at `maxReplyBytes` while they are read.
 */
export function createOpenAiClient(settings: {
  readonly apiKey: string | undefined;
  readonly baseURL: string | undefined;
  readonly timeoutMs: number;
  readonly maxReplyBytes: number;
}): OpenAI {
  return new OpenAI({
    apiKey: settings.apiKey ?? NO_KEY,
    baseURL: settings.baseURL,
    timeout: settings.timeoutMs,
    maxRetries: 0,
    fetch: cappedFetch(settings.maxReplyBytes),
  });
}
