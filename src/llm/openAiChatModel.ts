import OpenAI from 'openai';
import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';

/** What each attempt passes to the SDK: the deadline's signal, and its share of the time for headers. */
interface RequestOptions {
  readonly signal: AbortSignal;
  readonly timeout: number;
}
import { createOpenAiClient } from './openAiClient.js';
import { type ChatModel, type ChatReply, type ChatRequest, StructuredOutputUnsupportedError } from './chatModel.js';
import { withDeadline } from './deadline.js';

export interface OpenAiSettings {
  readonly apiKey: string | undefined;
  readonly baseURL: string | undefined;
  readonly model: string;
  /** The whole call, retries included, ends by then (see withDeadline). */
  readonly timeoutMs: number;
  /** Retries of timeouts, 429s and 5xx, within the deadline. */
  readonly maxRetries?: number;
}

/**
 * Most bytes read from one reply. An answer is a few hundred tokens; a server that sends
 * megabytes is broken or hostile, and it must not fill memory, the cache or the screen.
 */
export const MAX_REPLY_BYTES = 1024 * 1024;

/** A ChatModel over the official `openai` client, for OpenAI or any OpenAI-compatible server. */
export function createOpenAiChatModel(settings: OpenAiSettings): ChatModel {
  const client = createOpenAiClient({ ...settings, maxReplyBytes: MAX_REPLY_BYTES });
  const retries = settings.maxRetries ?? 2;

  return {
    model: settings.model,
    async chat(request: ChatRequest): Promise<ChatReply> {
      const params: ChatCompletionCreateParamsBase = {
        model: settings.model,
        messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
        // max_tokens rather than max_completion_tokens: the compatible servers all accept it.
        max_tokens: request.maxTokens,
        temperature: 0.2,
        ...(request.jsonSchema
          ? {
              response_format: {
                type: 'json_schema',
                json_schema: { name: request.jsonSchema.name, schema: request.jsonSchema.schema, strict: true },
              },
            }
          : {}),
      };
      try {
        return await withDeadline(settings.timeoutMs, retries, (signal, timeout) =>
          send(params, request, { signal, timeout }),
        );
      } catch (error) {
        if (request.jsonSchema && rejectsStructuredOutput(error)) {
          throw new StructuredOutputUnsupportedError(error instanceof Error ? error.message : String(error));
        }
        throw error;
      }
    },
  };

  async function send(
    params: ChatCompletionCreateParamsBase,
    request: ChatRequest,
    options: RequestOptions,
  ): Promise<ChatReply> {
    if (request.onDelta) return await streamChat(client, params, request.onDelta, options);
    const completion = await client.chat.completions.create({ ...params, stream: false }, options);
    const choice = completion.choices[0];
    return {
      content: choice?.message.content ?? '',
      finishReason: choice?.finish_reason ?? null,
      refusal: choice?.message.refusal ?? null,
      usage: tokenUsage(completion.usage),
    };
  }
}

async function streamChat(
  client: OpenAI,
  params: ChatCompletionCreateParamsBase,
  onDelta: (delta: string) => void,
  options: RequestOptions,
): Promise<ChatReply> {
  const stream = await client.chat.completions.create(
    { ...params, stream: true, stream_options: { include_usage: true } },
    options,
  );
  let content = '';
  let refusal: string | null = null;
  let finishReason: string | null = null;
  let usage: ChatReply['usage'] = null;
  try {
    await readStream();
  } catch (error) {
    // Text already shown cannot be taken back, so a stream that breaks midway is not retried.
    if (content) throw new Error(`the stream broke after ${content.length} characters`, { cause: error });
    throw error;
  }
  // The SDK's stream iterator ends quietly when its signal aborts: a cut-off stream is not a reply.
  if (options.signal.aborted) throw new Error('the stream was cut off at the deadline');
  return { content, finishReason, refusal, usage };

  async function readStream() {
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      const delta = choice?.delta.content;
      if (delta) {
        content += delta;
        onDelta(delta);
      }
      if (choice?.delta.refusal) refusal = (refusal ?? '') + choice.delta.refusal;
      if (choice?.finish_reason) finishReason = choice.finish_reason;
      if (chunk.usage) usage = tokenUsage(chunk.usage);
    }
  }
}

/**
 * Token counts as the server reports them, or null when they are not whole numbers: a
 * server is a peer like any other, and a string here once cost the answer-log row
 * (STRICT INTEGER column).
 */
function tokenUsage(raw: unknown): ChatReply['usage'] {
  if (!raw || typeof raw !== 'object') return null;
  const { prompt_tokens: prompt, completion_tokens: completion } = raw as Record<string, unknown>;
  const count = (x: unknown) => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
  return count(prompt) && count(completion)
    ? { promptTokens: prompt as number, completionTokens: completion as number }
    : null;
}

/**
 * A 400/422 that names response_format or JSON schema: the server does not do structured
 * output (older Ollama and llama.cpp builds, some vLLM models).
 */
function rejectsStructuredOutput(error: unknown): boolean {
  if (!(error instanceof OpenAI.APIError)) return false;
  if (error.status !== 400 && error.status !== 422 && error.status !== 501) return false;
  return /response_format|json_schema|structured|schema/i.test(error.message);
}
