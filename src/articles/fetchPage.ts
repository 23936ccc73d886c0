import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction, type Socket } from 'node:net';
import { UserFacingError } from '../errors.js';
import { type AddressPolicy, readableAddress } from './addressPolicy.js';

/** Why a page was not fetched, in words a moderator can act on. */
export class FetchRefusedError extends UserFacingError {}

export interface FetchLimits {
  /** Whole fetch, redirects included (default 10 s). */
  readonly timeoutMs: number;
  /** Largest body read; reading stops there (default 2 MiB). */
  readonly maxBytes: number;
  readonly maxRedirects: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = { timeoutMs: 10_000, maxBytes: 2 * 1024 * 1024, maxRedirects: 5 };

export interface FetchedPage {
  /** Where the page was finally found, after redirects. */
  readonly url: string;
  /** The media type, lower case, without parameters ("text/html"). */
  readonly type: string;
  readonly charset: string | undefined;
  readonly body: Buffer;
}

/** The only kinds of page an article is read from. */
export const PAGE_TYPES = new Set(['text/html', 'application/xhtml+xml', 'text/plain', 'text/markdown']);

export interface FetchOptions {
  readonly limits?: FetchLimits;
  /** Accept any content type (an uploaded file, whose type the caller judges by its bytes). */
  readonly anyType?: boolean;
}

/**
 * Fetch a page a moderator named, as an SSRF surface: http(s) only, every hop's address
 * checked by `policy` on the address actually connected to (so a name that resolves to a
 * private address, or is re-pointed there between lookups, is refused), redirects followed
 * by hand and re-checked, one deadline for the whole fetch, and the body cut while reading.
 */
export async function fetchPage(
  address: string,
  policy: AddressPolicy,
  options: FetchOptions = {},
): Promise<FetchedPage> {
  const limits = options.limits ?? DEFAULT_FETCH_LIMITS;
  const deadline = AbortSignal.timeout(limits.timeoutMs);
  let url = checkedUrl(address);
  for (let hop = 0; ; hop += 1) {
    const response = await get(url, policy, deadline, limits.timeoutMs);
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location) {
      response.destroy();
      if (hop >= limits.maxRedirects) throw new FetchRefusedError(`More than ${limits.maxRedirects} redirects.`);
      url = checkedUrl(response.headers.location, url);
      continue;
    }
    if (status !== 200) {
      response.destroy();
      throw new FetchRefusedError(
        `The site answered ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}.`,
      );
    }
    const [type = '', ...params] = (response.headers['content-type'] ?? '').split(';').map((s) => s.trim());
    if (!options.anyType && !PAGE_TYPES.has(type.toLowerCase())) {
      response.destroy();
      throw new FetchRefusedError(`The address is not a web page (content type ${type || 'missing'}).`);
    }
    const body = await readCapped(response, limits.maxBytes, deadline, limits.timeoutMs);
    const charset = params
      .find((p) => /^charset=/i.test(p))
      ?.slice(8)
      .replace(/"/g, '');
    return { url: url.href, type: type.toLowerCase(), charset, body };
  }
}

/** The URL, if it is one the bot may fetch at all (before any address is looked up). */
function checkedUrl(value: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(value.trim(), base);
  } catch {
    throw new FetchRefusedError('That is not a web address.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new FetchRefusedError(`Only http and https addresses are fetched, not ${url.protocol.replace(':', '')}.`);
  if (url.username || url.password)
    throw new FetchRefusedError('Addresses with a user name or password are not fetched.');
  url.hash = '';
  return url;
}

function get(url: URL, policy: AddressPolicy, deadline: AbortSignal, timeoutMs: number): Promise<IncomingMessage> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !policy(host)) return Promise.reject(refusedAddress(host));
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'GET',
      // A fresh connection per request: a pooled socket would skip the check on connect.
      agent: false,
      lookup: checkedLookup(policy),
      signal: deadline,
      headers: {
        'user-agent': 'feudbot (article import)',
        accept: 'text/html,application/xhtml+xml,text/plain;q=0.9',
        'accept-encoding': 'identity',
      },
    });
    req.on('socket', (socket: Socket) => {
      // The address actually connected to, whatever resolved it: the guard against DNS rebinding.
      socket.once('connect', () => {
        const remote = socket.remoteAddress;
        if (!remote || !policy(remote)) req.destroy(refusedAddress(remote ?? host));
      });
    });
    req.on('response', resolve);
    req.on('error', (error) => reject(describe(error, deadline, timeoutMs)));
    req.end();
  });
}

/** DNS lookup that keeps only the addresses the policy allows, and fails when none is left. */
function checkedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const allowed = addresses.filter((a) => policy(a.address));
      if (allowed.length === 0) return callback(refusedAddress(addresses[0]?.address ?? hostname), '', 0);
      if (options.all) return callback(null, allowed);
      callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
}

function refusedAddress(address: string): FetchRefusedError {
  return new FetchRefusedError(
    `The address leads to ${readableAddress(address)}, a private or local network address; the bot only fetches public web pages (an operator can allow a private news mirror with ARTICLE_FETCH_ALLOW_PRIVATE=true).`,
  );
}

async function readCapped(
  response: IncomingMessage,
  maxBytes: number,
  deadline: AbortSignal,
  timeoutMs: number,
): Promise<Buffer> {
  const tooLarge = () => new FetchRefusedError(`The page is larger than ${maxBytes / 1024 / 1024} MiB.`);
  if (Number(response.headers['content-length']) > maxBytes) {
    response.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response) {
      size += (chunk as Buffer).byteLength;
      if (size > maxBytes) {
        response.destroy();
        throw tooLarge();
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    throw error instanceof FetchRefusedError ? error : describe(error, deadline, timeoutMs);
  }
  return Buffer.concat(chunks);
}

function describe(error: unknown, deadline: AbortSignal, timeoutMs: number): Error {
  if (error instanceof FetchRefusedError) return error;
  if (deadline.aborted) return new FetchRefusedError(`The site did not send the page within ${timeoutMs / 1000} s.`);
  const code = (error as { code?: string }).code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new FetchRefusedError('That site name does not exist.');
  if (code === 'ECONNREFUSED') return new FetchRefusedError('The site refused the connection.');
  return new FetchRefusedError(`The page could not be fetched (${code ?? (error as Error).message}).`);
}

/** Bytes to text: the charset the server named, else one an HTML page declares in its first bytes, else UTF-8. */
export function decodePage(body: Buffer, charset: string | undefined, html: boolean): string {
  const declared =
    charset ??
    (html
      ? /<meta[^>]{0,200}charset=["']?([\w-]{1,40})/i.exec(body.subarray(0, 2048).toString('latin1'))?.[1]
      : undefined);
  try {
    return new TextDecoder(declared ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}
