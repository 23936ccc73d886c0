import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from './loopback.js';

/** A chat-completions request as the fake received it. */
export interface RecordedRequest {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: {
    model: string;
    messages: { role: string; content: string }[];
    response_format?: { type: string; json_schema?: { name: string } };
    stream?: boolean;
    max_tokens?: number;
  };
}

export type FakeReply =
  /** A normal completion with this message content. */
  | {
      kind: 'completion';
      content: string;
      finishReason?: string;
      refusal?: string | null;
      usage?: unknown;
      /** Run before replying (a test's way to change things while the call is under way). */
      before?: () => Promise<void>;
    }
  /** The content streamed in these pieces (server-sent events), then [DONE]. */
  | { kind: 'stream'; pieces: string[]; finishReason?: string; delayMs?: number }
  /** An HTTP error with an OpenAI-style error body. */
  | { kind: 'error'; status: number; message: string; headers?: Record<string, string> }
  /** Never answer (until the server closes). */
  | { kind: 'hang' }
  /** Headers and "{", then one space every intervalMs, forever: the SDK's own timer has stopped by then. */
  | { kind: 'drip'; intervalMs: number }
  /** A stream that never ends: this content piece (or a keep-alive comment when null) every intervalMs. */
  | { kind: 'endlessStream'; piece: string | null; intervalMs: number }
  /** A valid completion whose content is this many bytes of "x". */
  | { kind: 'huge'; bytes: number };

export type Script = (request: RecordedRequest, index: number) => FakeReply;

export interface FakeOpenAI {
  /** Base URL for the `openai` client, e.g. http://127.0.0.1:PORT/v1 */
  readonly baseURL: string;
  readonly requests: RecordedRequest[];
  /** Answer requests with this function from now on. */
  script(script: Script): void;
  close(): Promise<void>;
}

/** True for the query-translation call, false for the answer call. */
export function isTranslationRequest(request: RecordedRequest): boolean {
  return request.body.messages[0]?.content.startsWith("Turn the user's question") ?? false;
}

export const USAGE = { prompt_tokens: 321, completion_tokens: 54, total_tokens: 375 };

/**
 * An OpenAI-compatible server on 127.0.0.1 that the real `openai` client talks to.
 * It speaks POST /v1/chat/completions (plain and streamed) and records every request.
 */
export async function startFakeOpenAI(initial?: Script): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  let script: Script = initial ?? (() => ({ kind: 'error', status: 500, message: 'no script' }));

  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        sendJson(res, 404, { error: { message: `no route ${req.method} ${req.url}`, type: 'invalid_request_error' } });
        return;
      }
      const request: RecordedRequest = {
        path: req.url,
        headers: req.headers,
        body: JSON.parse(raw) as RecordedRequest['body'],
      };
      requests.push(request);
      reply(res, request, script(request, requests.length - 1));
    });
  });
  const { baseURL, close } = await listenOnLoopback(server);
  return {
    baseURL,
    requests,
    script(next) {
      script = next;
    },
    close,
  };
}

function reply(res: ServerResponse, request: RecordedRequest, answer: FakeReply): void {
  const base = { id: 'chatcmpl-fake', created: Math.floor(Date.now() / 1000), model: request.body.model };
  switch (answer.kind) {
    case 'hang':
      return;
    case 'drip': {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{');
      const timer = setInterval(() => res.write(' '), answer.intervalMs);
      res.on('close', () => clearInterval(timer));
      return;
    }
    case 'endlessStream': {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const timer = setInterval(() => {
        if (answer.piece === null) res.write(': keep-alive\n\n');
        else {
          const choices = [{ index: 0, delta: { content: answer.piece }, finish_reason: null }];
          res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices })}\n\n`);
        }
      }, answer.intervalMs);
      res.on('close', () => clearInterval(timer));
      return;
    }
    case 'huge':
      reply(res, request, { kind: 'completion', content: 'x'.repeat(answer.bytes) });
      return;
    case 'error':
      sendJson(
        res,
        answer.status,
        { error: { message: answer.message, type: 'invalid_request_error', code: null } },
        answer.headers,
      );
      return;
    case 'completion':
      if (answer.before) {
        const { before, ...rest } = answer;
        void before().then(() => reply(res, request, rest));
        return;
      }
      sendJson(res, 200, {
        ...base,
        object: 'chat.completion',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: answer.content, refusal: answer.refusal ?? null },
            finish_reason: answer.finishReason ?? 'stop',
            logprobs: null,
          },
        ],
        usage: answer.usage ?? USAGE,
      });
      return;
    case 'stream': {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
        res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices, ...extra })}\n\n`);
      chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]);
      const pieces = [...answer.pieces];
      const next = () => {
        if (res.destroyed) return;
        const piece = pieces.shift();
        if (piece !== undefined) {
          chunk([{ index: 0, delta: { content: piece }, finish_reason: null }]);
          // setImmediate, not a 0 ms timer: timers wait at least 1 ms, which made long streams crawl.
          if (answer.delayMs) setTimeout(next, answer.delayMs);
          else setImmediate(next);
          return;
        }
        chunk([{ index: 0, delta: {}, finish_reason: answer.finishReason ?? 'stop' }]);
        chunk([], { usage: USAGE });
        res.end('data: [DONE]\n\n');
      };
      next();
      return;
    }
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
