import { withDeadline } from '../llm/deadline.js';
import { createOpenAiClient } from '../llm/openAiClient.js';
import { type Embedder, EmbeddingReplyError, toUnitVectors } from './embedder.js';

export interface OpenAiEmbeddingSettings {
  readonly apiKey: string | undefined;
  readonly baseURL: string | undefined;
  readonly model: string;
  /** One call, retries included, ends by then. */
  readonly timeoutMs: number;
  readonly maxRetries?: number;
}

/** A batch of 64 vectors of 3,072 dimensions as JSON is about 4 MB; anything far larger is not a reply. */
const MAX_REPLY_BYTES = 16 * 1024 * 1024;

/**
 * An Embedder over the official `openai` client's embeddings endpoint: OpenAI, Ollama,
 * llama.cpp's server, vLLM and Hugging Face TEI all speak it.
 */
export function createOpenAiEmbedder(settings: OpenAiEmbeddingSettings): Embedder {
  const client = createOpenAiClient({ ...settings, maxReplyBytes: MAX_REPLY_BYTES });
  let dim: number | undefined;
  return {
    model: settings.model,
    async embed(texts, options = {}) {
      if (texts.length === 0) return [];
      const deadline = Math.min(settings.timeoutMs, options.timeoutMs ?? Infinity);
      const reply = await withDeadline(deadline, settings.maxRetries ?? 1, (signal, timeout) =>
        // encoding_format "float": the SDK asks for base64 by default, which not every compatible server speaks.
        client.embeddings.create(
          { model: settings.model, input: [...texts], encoding_format: 'float' },
          { signal, timeout },
        ),
      );
      const data: unknown = (reply as { data?: unknown }).data;
      if (!Array.isArray(data)) throw new EmbeddingReplyError('no data array in the reply');
      const ordered = [...(data as { index?: unknown; embedding?: unknown }[])].sort(
        (a, b) => Number(a?.index ?? 0) - Number(b?.index ?? 0),
      );
      const vectors = toUnitVectors(
        ordered.map((d) => d?.embedding),
        texts.length,
        dim,
      );
      // The first good reply fixes the dimension: a server that changes it midway is sending junk.
      dim ??= vectors[0]?.length;
      return vectors;
    },
  };
}
