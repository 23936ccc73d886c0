import OpenAI from 'openai';
import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import { type ChatModel, type ChatReply, type ChatRequest, StructuredOutputUnsupportedError } from './chatModel.js';

export interface OpenAiSettings {
  readonly apiKey: string | undefined;
  readonly baseURL: string | undefined;
  readonly model: string;
  readonly timeoutMs: number;
  /** Retries of timeouts, 429s and 5xx, with the SDK's exponential backoff (it honours Retry-After). */
  readonly maxRetries?: number;
}

// Local servers (Ollama, llama.cpp, vLLM) ignore the key, but the SDK wants one.
const NO_KEY = 'not-needed';

/** A ChatModel over the official `openai` client, for OpenAI or any OpenAI-compatible server. */
export function createOpenAiChatModel(settings: OpenAiSettings): ChatModel {
  const client = new OpenAI({
    apiKey: settings.apiKey ?? NO_KEY,
    baseURL: settings.baseURL,
    timeout: settings.timeoutMs,
    maxRetries: settings.maxRetries ?? 2,
  });

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
        if (request.onDelta) return await streamChat(client, params, request.onDelta);
        const completion = await client.chat.completions.create({ ...params, stream: false });
        const choice = completion.choices[0];
        return {
          content: choice?.message.content ?? '',
          finishReason: choice?.finish_reason ?? null,
          refusal: choice?.message.refusal ?? null,
          usage: completion.usage
            ? { promptTokens: completion.usage.prompt_tokens, completionTokens: completion.usage.completion_tokens }
            : null,
        };
      } catch (error) {
        if (request.jsonSchema && rejectsStructuredOutput(error)) {
          throw new StructuredOutputUnsupportedError(error instanceof Error ? error.message : String(error));
        }
        throw error;
      }
    },
  };
}

async function streamChat(
  client: OpenAI,
  params: ChatCompletionCreateParamsBase,
  onDelta: (delta: string) => void,
): Promise<ChatReply> {
  const stream = await client.chat.completions.create({
    ...params,
    stream: true,
    stream_options: { include_usage: true },
  });
  let content = '';
  let refusal: string | null = null;
  let finishReason: string | null = null;
  let usage: ChatReply['usage'] = null;
  for await (const chunk of stream) {
    const choice = chunk.choices[0];
    const delta = choice?.delta.content;
    if (delta) {
      content += delta;
      onDelta(delta);
    }
    if (choice?.delta.refusal) refusal = (refusal ?? '') + choice.delta.refusal;
    if (choice?.finish_reason) finishReason = choice.finish_reason;
    if (chunk.usage)
      usage = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
  }
  return { content, finishReason, refusal, usage };
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
