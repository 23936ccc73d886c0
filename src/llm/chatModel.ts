/** One message of a chat request. */
export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

export interface ChatRequest {
  readonly messages: readonly ChatMessage[];
  /** Ask for JSON matching this schema (OpenAI structured output); omitted in plain-text mode. */
  readonly jsonSchema?: { readonly name: string; readonly schema: Record<string, unknown> };
  /** Token budget of the reply; a reply cut at the budget is not used. */
  readonly maxTokens: number;
  /** When set, the reply is streamed and each new piece of content is passed here as it arrives. */
  readonly onDelta?: (delta: string) => void;
}

export interface TokenUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
}

export interface ChatReply {
  readonly content: string;
  /** "stop", "length", "content_filter", … as the server reports it. */
  readonly finishReason: string | null;
  /** The model's refusal text, when it refused (structured output only). */
  readonly refusal: string | null;
  readonly usage: TokenUsage | null;
}

/**
 * The one seam between feudbot and a language model. The OpenAI implementation lives in
 * openAiChatModel.ts; everything else depends only on this.
 */
export interface ChatModel {
  /** The model's name, as configured (shown in answers and used in cache keys). */
  readonly model: string;
  chat(request: ChatRequest): Promise<ChatReply>;
}

/** The server does not accept `response_format` with a JSON schema; the caller should switch to plain text. */
export class StructuredOutputUnsupportedError extends Error {
  override readonly name = 'StructuredOutputUnsupportedError';
}
