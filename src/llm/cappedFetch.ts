/** The reply was larger than a peer may send. */
export class ReplyTooLargeError extends Error {
  override readonly name = 'ReplyTooLargeError';
}

/**
 * A fetch whose response bodies stop at `maxBytes`: reading past it fails while reading,
 * not after the whole body has been held in memory. Given to the OpenAI client, it bounds
 * every reply of a chat or embeddings server, streamed or not.
 */
export function cappedFetch(maxBytes: number, inner: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    if (!response.body) return response;
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body.cancel();
      throw new ReplyTooLargeError(`reply of ${declared} bytes is over the ${maxBytes}-byte limit`);
    }
    let seen = 0;
    const limit = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > maxBytes) controller.error(new ReplyTooLargeError(`reply is over the ${maxBytes}-byte limit`));
        else controller.enqueue(chunk);
      },
    });
    return new Response(response.body.pipeThrough(limit), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
