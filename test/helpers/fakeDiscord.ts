import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandInteraction,
  type APIMessage,
  type APIMessageComponentInteraction,
  type APIUser,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  GatewayCloseCodes,
  GatewayDispatchEvents,
  type APIRole,
  GatewayIntentBits,
  GatewayOpcodes,
  InteractionType,
  type Locale,
  PermissionFlagsBits,
  type RESTPostAPIApplicationCommandsJSONBody,
  type UserFlags,
} from 'discord-api-types/v10';
import { WebSocket, WebSocketServer } from 'ws';

/** One REST call the bot made. */
export interface RecordedCall {
  readonly method: string;
  /** The route under /api/v10, decoded (`@original`, not `%40original`). */
  readonly path: string;
  readonly body: Record<string, unknown> | null;
  readonly at: number;
}

/** What one interaction produced: its callback, and its messages as the bot last left them. */
export interface InteractionRecord {
  readonly id: string;
  readonly token: string;
  readonly sentAt: number;
  callbackType: number | null;
  callbackAt: number | null;
  /** The flags of the first response (64 = ephemeral). */
  callbackFlags: number;
  original: APIMessage | null;
  /** Every PATCH of the original message, in order. */
  readonly edits: Record<string, unknown>[];
  readonly followUps: APIMessage[];
  /** The choices of an autocomplete answer (callback type 8). */
  choices: { name: string; value: string | number }[] | null;
  /** The modal the bot opened (callback type 9). */
  modal: Record<string, unknown> | null;
}

/** A file a user uploaded, as Discord describes it in `resolved.attachments`. */
export interface FakeAttachment {
  readonly id: string;
  readonly filename: string;
  readonly size: number;
  readonly url: string;
  readonly proxy_url: string;
  readonly content_type?: string;
}

export interface FakeUser {
  readonly user: APIUser;
  /** Guild permissions as Discord sends them (decimal string). */
  readonly permissions: bigint;
  readonly roles: string[];
}

export interface Fault {
  readonly method: string;
  readonly path: RegExp;
  readonly status: number;
  /** How many matching calls fail before the route works again. */
  times: number;
  readonly retryAfterSeconds?: number;
  /** Discord's JSON error code (50013: Missing Permissions). */
  readonly code?: number;
}

export interface FakeDiscord {
  /** For `rest: { api }` in the client options. */
  readonly api: string;
  readonly applicationId: string;
  readonly guildId: string;
  /** The servers, `guildId` first, each on the shard Discord's formula gives it (just `guildId` by default). */
  readonly guildIds: readonly string[];
  /** The shards that have identified, and not lost their connection since. */
  readonly connectedShards: () => number[];
  readonly channelId: string;
  readonly otherChannelId: string;
  readonly moderatorRoleId: string;
  /** A forum channel (type 15) with the tags `solvedTagId` ("Solved") and another ("Question"). */
  readonly forumChannelId: string;
  readonly solvedTagId: string;
  /** A role for the server's human helpers. */
  readonly helpersRoleId: string;
  /** The intents the bot identified with (0 before it has). */
  readonly intents: () => number;
  /** Thread edits the bot made (`PATCH /channels/{thread}`), by thread. */
  readonly channelEdits: Map<string, Record<string, unknown>[]>;
  /** Reactions the bot added: `channel/message/emoji`. */
  readonly reactions: string[];
  /** A message context-menu command (type 3) run on a member's message. */
  messageCommand(
    user: FakeUser,
    name: string,
    target: { id: string; channelId: string; author: FakeUser; content: string },
  ): InteractionRecord;
  /** A member opens a post in the forum: THREAD_CREATE, then the starter message (its id is the thread's). Returns the thread id. */
  forumPost(user: FakeUser, title: string, text: string): string;
  readonly users: { member: FakeUser; moderator: FakeUser; roleModerator: FakeUser; other: FakeUser };
  readonly calls: RecordedCall[];
  readonly interactions: Map<string, InteractionRecord>;
  /** Registered commands, per scope ("global" or a guild id). */
  readonly commands: Map<string, RESTPostAPIApplicationCommandsJSONBody[]>;
  readonly ready: Promise<void>;
  /** Send a slash command as a user; resolves with the interaction's record (filled in as the bot answers). */
  slash(
    user: FakeUser,
    name: string,
    options?: Record<string, string | number | boolean>,
    extra?: {
      locale?: string;
      channelId?: string;
      subcommand?: string;
      attachments?: Record<string, FakeAttachment>;
      /** Channel and role options, by option name: the id, resolved as Discord does. */
      channels?: Record<string, string>;
      roles?: Record<string, string>;
      /** The server it is sent in (one of `guildIds`); the channel ids are the same in each. */
      guildId?: string;
    },
  ): InteractionRecord;
  /** A user types into an option with autocomplete. */
  autocomplete(
    user: FakeUser,
    name: string,
    focused: { subcommand?: string; option: string; value: string },
  ): InteractionRecord;
  /** A user submits a modal the bot opened from a button: text inputs by value, selects by their chosen values. */
  submitModal(
    user: FakeUser,
    customId: string,
    fields: Record<string, string | string[]>,
    message: APIMessage,
    extra?: { locale?: string },
  ): InteractionRecord;
  /** A file uploaded to Discord: its url is served by this fake, on loopback. */
  upload(filename: string, bytes: Buffer, contentType?: string): FakeAttachment;
  /** Click a button on a message as a user. */
  click(user: FakeUser, customId: string, message: APIMessage, extra?: { locale?: string }): InteractionRecord;
  /** Threads the bot started, by id. */
  readonly threads: Map<string, { id: string; parentId: string; name: string; messageId: string }>;
  /** Messages the bot sent to channels and threads (not interaction replies), by channel. */
  readonly channelMessages: Map<string, APIMessage[]>;
  /** A member writes in a channel or thread; `mentionBot` mentions the app, whose text Discord then delivers. */
  message(
    user: FakeUser,
    channelId: string,
    text: string,
    options?: { mentionBot?: boolean; replyTo?: string; bot?: boolean },
  ): string;
  /** Make matching REST calls fail (429 with Retry-After, or 5xx). */
  fail(fault: Fault): void;
  /** Drop every gateway connection and turn new ones away (4000, which clients retry) until `restoreGateway`. */
  dropGateway(): void;
  restoreGateway(): void;
  /** Resolve when the predicate holds, checking after every REST call; reject after `ms`. */
  waitFor<T>(predicate: () => T | undefined | false | null, ms?: number, what?: string): Promise<T>;
  close(): Promise<void>;
}

/**
 * A message sent with files (multipart/form-data, as discord.js sends attachments): its
 * `payload_json` part, with the uploaded files' names and sizes as `attachments`.
 */
function multipartBody(contentType: string, raw: string): Record<string, unknown> | null {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) return null;
  let payload: Record<string, unknown> = {};
  const files: { filename: string; size: number }[] = [];
  for (const part of raw.split(`--${boundary[1] ?? boundary[2]}`)) {
    const [head = '', ...rest] = part.split('\r\n\r\n');
    const content = rest.join('\r\n\r\n').replace(/\r\n$/, '');
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    if (filename !== undefined) files.push({ filename, size: content.length });
    else if (/name="payload_json"/.test(head)) payload = JSON.parse(content) as Record<string, unknown>;
  }
  return { ...payload, attachments: files.map((f, i) => ({ id: String(i), ...f })) };
}

/** Options as Discord nests them under a subcommand (option type 1), or as they are. */
function subcommandOf(
  subcommand: string | undefined,
  options: APIApplicationCommandInteractionDataOption[],
): APIApplicationCommandInteractionDataOption[] {
  if (!subcommand) return options;
  return [
    {
      name: subcommand,
      type: ApplicationCommandOptionType.Subcommand,
      options,
    } as APIApplicationCommandInteractionDataOption,
  ];
}

let snowflakeCounter = 0n;
/** A snowflake-shaped id, unique and increasing within the run. */
export function snowflake(): string {
  snowflakeCounter += 1n;
  return ((BigInt(Date.now() - 1420070400000) << 22n) + snowflakeCounter).toString();
}

const HEARTBEAT_MS = 30_000;

/**
 * A Discord on 127.0.0.1: REST under /api/v10 and a JSON gateway on the same port, enough for
 * the real discord.js Client to log in, register commands and answer interactions: the
 * routes and gateway opcodes discord.js uses, as Discord's API reference documents them.
 */
export interface FakeDiscordOptions {
  /** Answer Identify by closing the gateway with this code (4004: the token was rejected). */
  readonly identifyCloseCode?: number;
  /**
   * The shards `/gateway/bot` recommends (default 1). With more, the fake has one server per
   * shard (`guildIds`), each on the shard Discord's formula gives it, and sends each shard's
   * identify its own server's events.
   */
  readonly shards?: number;
  /** Servers the bot is in (default: one per shard), spread over the shards by Discord's formula. */
  readonly guilds?: number;
}

/** The shard that receives a server's events: Discord's `(guild_id >> 22) % num_shards`. */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** `count` server ids, the first being `first`, taken so that every shard has at least one. */
function guildsOverShards(first: string, shardCount: number, count: number): string[] {
  const ids = [first];
  const covered = new Set([shardOfGuild(first, shardCount)]);
  for (
    let candidate = BigInt(first) + (1n << 22n);
    ids.length < count || covered.size < shardCount;
    candidate += 1n << 22n
  ) {
    const shard = shardOfGuild(String(candidate), shardCount);
    if (ids.length >= count && covered.has(shard)) continue;
    ids.push(String(candidate));
    covered.add(shard);
  }
  return ids;
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const applicationId = snowflake();
  const shardCount = options.shards ?? 1;
  const guildId = snowflake();
  const guildIds = guildsOverShards(guildId, shardCount, options.guilds ?? shardCount);
  const shardSockets = new Map<number, WebSocket>();
  const channelId = snowflake();
  const otherChannelId = snowflake();
  const moderatorRoleId = snowflake();
  const forumChannelId = snowflake();
  const solvedTagId = snowflake();
  const questionTagId = snowflake();
  const helpersRoleId = snowflake();
  let identifyIntents = 0;
  const channelEdits = new Map<string, Record<string, unknown>[]>();
  const reactions: string[] = [];
  const botUser: APIUser = {
    id: applicationId,
    username: 'feudbot',
    discriminator: '0',
    global_name: null,
    avatar: null,
    bot: true,
  };
  const makeUser = (username: string, permissions: bigint, roles: string[] = []): FakeUser => ({
    user: {
      id: snowflake(),
      username,
      discriminator: '0',
      global_name: username,
      avatar: null,
      public_flags: 0 as UserFlags,
    },
    permissions,
    roles,
  });
  const basic =
    PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands;
  const users = {
    member: makeUser('member', basic),
    moderator: makeUser('moderator', basic | PermissionFlagsBits.ManageGuild),
    roleModerator: makeUser('rolemod', basic, [moderatorRoleId]),
    other: makeUser('other', basic),
  };

  /** A member's message, as MESSAGE_CREATE: its text only with the Message Content intent or when it mentions the app. */
  const sendMessage = (
    user: FakeUser,
    channel: string,
    text: string,
    options: { mentionBot?: boolean; replyTo?: string; bot?: boolean; id?: string } = {},
  ): string => {
    const id = options.id ?? snowflake();
    if (!identified) throw new Error('The bot has not identified on the gateway yet.');
    const mentions = options.mentionBot ? [botUser] : [];
    const readable = options.mentionBot || (identifyIntents & GatewayIntentBits.MessageContent) !== 0;
    dispatch(identified, GatewayDispatchEvents.MessageCreate, {
      id,
      channel_id: channel,
      guild_id: guildId,
      author: options.bot ? { ...user.user, bot: true } : user.user,
      member: { roles: user.roles, joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
      content: readable ? text : '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions,
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: options.replyTo ? 19 : 0,
      flags: 0,
      ...(options.replyTo
        ? { message_reference: { message_id: options.replyTo, channel_id: channel, guild_id: guildId } }
        : {}),
    });
    return id;
  };
  const calls: RecordedCall[] = [];
  const interactions = new Map<string, InteractionRecord>();
  const byToken = new Map<string, InteractionRecord>();
  const commands = new Map<string, RESTPostAPIApplicationCommandsJSONBody[]>();
  const faults: Fault[] = [];
  const files = new Map<string, { bytes: Buffer; type: string | undefined }>();
  const threads = new Map<
    string,
    { id: string; parentId: string; name: string; messageId: string; ownerId?: string; appliedTags?: string[] }
  >();
  const channelMessages = new Map<string, APIMessage[]>();
  const threadChannel = (t: {
    id: string;
    parentId: string;
    name: string;
    ownerId?: string;
    appliedTags?: string[];
  }) => ({
    id: t.id,
    type: ChannelType.PublicThread as const,
    guild_id: guildId,
    parent_id: t.parentId,
    name: t.name,
    owner_id: t.ownerId ?? applicationId,
    applied_tags: t.appliedTags ?? [],
    message_count: 0,
    member_count: 1,
    rate_limit_per_user: 0,
    flags: 0,
    thread_metadata: {
      archived: false,
      auto_archive_duration: 1440,
      archive_timestamp: new Date().toISOString(),
      locked: false,
    },
  });
  const waiters = new Set<() => void>();
  const sockets = new Set<Socket>();
  const clients = new Set<WebSocket>();
  let readyResolve: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (readyResolve = resolve));
  let identified: WebSocket | null = null;
  let sequence = 0;

  const notify = () => waiters.forEach((w) => w());

  // Typed loosely: a GUILD_CREATE carries more than APIGuild, and discord.js reads only part of it.
  const guild = (id = guildId): Record<string, unknown> => ({
    id,
    name: 'Feud Watchers',
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: users.moderator.user.id,
    afk_channel_id: null,
    afk_timeout: 60,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      {
        id,
        name: '@everyone',
        color: 0,
        hoist: false,
        icon: null,
        unicode_emoji: null,
        position: 0,
        permissions: String(basic),
        managed: false,
        mentionable: false,
        flags: 0,
      },
      {
        id: moderatorRoleId,
        name: 'Moderators',
        color: 0,
        hoist: false,
        icon: null,
        unicode_emoji: null,
        position: 1,
        permissions: String(basic),
        managed: false,
        mentionable: true,
        flags: 0,
      },
      {
        id: helpersRoleId,
        name: 'Helpers',
        color: 0,
        hoist: false,
        icon: null,
        unicode_emoji: null,
        position: 2,
        permissions: String(basic),
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    stickers: [],
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    // GUILD_CREATE extras
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: 5,
    channels: [
      ...[channelId, otherChannelId].map((id, i) => ({
        id,
        type: ChannelType.GuildText,
        name: i === 0 ? 'feud' : 'general',
        position: i,
        guild_id: guildId,
        permission_overwrites: [],
        nsfw: false,
        parent_id: null,
      })),
      {
        id: forumChannelId,
        type: ChannelType.GuildForum,
        name: 'help',
        position: 2,
        guild_id: guildId,
        permission_overwrites: [],
        nsfw: false,
        parent_id: null,
        available_tags: [
          { id: solvedTagId, name: 'Solved', moderated: false, emoji_id: null, emoji_name: '✅' },
          { id: questionTagId, name: 'Question', moderated: false, emoji_id: null, emoji_name: null },
        ],
        default_reaction_emoji: null,
        default_sort_order: null,
        default_forum_layout: 0,
        flags: 0,
      },
    ],
    threads: [],
    members: Object.values(users).map((u) => ({
      user: u.user,
      roles: u.roles,
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
    })),
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  });

  const message = (body: Record<string, unknown>, interaction?: InteractionRecord): APIMessage => {
    const fields: Record<string, unknown> = {
      id: snowflake(),
      channel_id: channelId,
      author: botUser,
      content: '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      type: 20,
      flags: 0,
      ...body,
      ...(interaction ? { application_id: applicationId, webhook_id: applicationId } : {}),
    };
    // The body is whatever the bot sent; the fake trusts it to be message-shaped.
    return fields as unknown as APIMessage;
  };

  const send = (ws: WebSocket, payload: unknown) => ws.send(JSON.stringify(payload));
  const dispatch = (ws: WebSocket, t: string, d: unknown) =>
    send(ws, { op: GatewayOpcodes.Dispatch, t, s: ++sequence, d });

  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => handleRest(req, res, raw));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const wss = new WebSocketServer({ server });
  let gatewayDown = false;
  wss.on('connection', (ws) => {
    if (gatewayDown) {
      ws.close(4000, 'Unknown error.');
      return;
    }
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    send(ws, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: HEARTBEAT_MS } });
    ws.on('message', (data: Buffer) => {
      const payload = JSON.parse(data.toString()) as { op: GatewayOpcodes; d: unknown };
      if (payload.op === GatewayOpcodes.Heartbeat) send(ws, { op: GatewayOpcodes.HeartbeatAck });
      if (payload.op === GatewayOpcodes.Identify && options.identifyCloseCode !== undefined) {
        ws.close(options.identifyCloseCode, 'Authentication failed.');
        return;
      }
      if (payload.op === GatewayOpcodes.Identify) {
        const d = payload.d as { intents?: unknown; shard?: [number, number] };
        const [shardId, count] = d.shard ?? [0, 1];
        if (count !== shardCount || shardId >= count) {
          ws.close(GatewayCloseCodes.InvalidShard, 'Invalid shard.');
          return;
        }
        shardSockets.set(shardId, ws);
        // Messages and threads are the main server's: they go to its shard.
        if (shardId === shardOfGuild(guildId, count)) identified = ws;
        identifyIntents = Number(d.intents ?? 0);
        // Each shard gets the servers Discord's formula puts on it: here, one each.
        const own = guildIds.filter((id) => shardOfGuild(id, count) === shardId);
        dispatch(ws, GatewayDispatchEvents.Ready, {
          v: 10,
          user: botUser,
          guilds: own.map((id) => ({ id, unavailable: true })),
          session_id: randomBytes(8).toString('hex'),
          resume_gateway_url: `ws://127.0.0.1:${port()}`,
          shard: [shardId, count],
          application: { id: applicationId, flags: 0 },
        });
        for (const id of own) dispatch(ws, GatewayDispatchEvents.GuildCreate, guild(id));
        if (shardSockets.size === shardCount) readyResolve();
      }
      if (payload.op === GatewayOpcodes.Resume) {
        if (shardCount === 1) identified = ws;
        dispatch(ws, GatewayDispatchEvents.Resumed, {});
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = () => (server.address() as AddressInfo).port;

  function handleRest(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port()}`);
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v10/, ''));
    const method = req.method ?? 'GET';
    let body: Record<string, unknown> | null = null;
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
    } catch {
      body = multipartBody(req.headers['content-type'] ?? '', raw) ?? { raw };
    }
    calls.push({ method, path, body, at: Date.now() });
    const json = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
      notify();
    };
    const empty = () => {
      res.writeHead(204);
      res.end();
      notify();
    };

    const fault = faults.find((f) => f.times > 0 && f.method === method && f.path.test(path));
    if (fault) {
      fault.times--;
      if (fault.status === 429) {
        const after = String(fault.retryAfterSeconds ?? 0.2);
        json(
          429,
          { message: 'You are being rate limited.', retry_after: Number(after), global: false },
          {
            'retry-after': after,
            'x-ratelimit-limit': '5',
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset-after': after,
            'x-ratelimit-bucket': 'fake-bucket',
            'x-ratelimit-scope': 'user',
          },
        );
      } else {
        json(fault.status, { message: 'Fake failure', code: fault.code ?? 0 });
      }
      return;
    }

    let m: RegExpExecArray | null;
    if (method === 'GET' && path.startsWith('/attachments/')) {
      // Discord's file server: the bytes of an upload, as they were uploaded.
      const file = files.get(path);
      res.writeHead(file ? 200 : 404, file?.type ? { 'content-type': file.type } : {});
      res.end(file?.bytes ?? '');
    } else if (method === 'POST' && (m = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path))) {
      // A thread started on a message: a public thread (type 11) under the message's channel. Discord
      // gives it the message's id, and refuses a second thread on one message.
      if (threads.has(m[2]!))
        return json(400, { message: 'A thread has already been created for this message', code: 160004 });
      const thread = {
        id: m[2]!,
        parentId: m[1]!,
        name: typeof body?.name === 'string' ? body.name : '',
        messageId: m[2]!,
      };
      threads.set(thread.id, thread);
      if (identified)
        dispatch(identified, GatewayDispatchEvents.ThreadCreate, { ...threadChannel(thread), newly_created: true });
      json(201, threadChannel(thread));
    } else if (method === 'PATCH' && (m = /^\/channels\/(\d+)$/.exec(path)) && threads.has(m[1]!)) {
      // Editing a thread: applied_tags (a forum post's), archived, locked.
      const thread = threads.get(m[1]!)!;
      channelEdits.set(m[1]!, [...(channelEdits.get(m[1]!) ?? []), body ?? {}]);
      if (Array.isArray(body?.applied_tags)) thread.appliedTags = body.applied_tags as string[];
      json(200, threadChannel(thread));
    } else if (method === 'PUT' && (m = /^\/channels\/(\d+)\/messages\/(\d+)\/reactions\/([^/]+)\/@me$/.exec(path))) {
      reactions.push(`${m[1]}/${m[2]}/${decodeURIComponent(m[3]!)}`);
      empty();
    } else if (method === 'POST' && (m = /^\/channels\/(\d+)\/typing$/.exec(path))) {
      empty();
    } else if (method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
      const sent: APIMessage = { ...message(body ?? {}), channel_id: m[1]! };
      channelMessages.set(m[1]!, [...(channelMessages.get(m[1]!) ?? []), sent]);
      json(200, sent);
    } else if (method === 'GET' && path === '/gateway/bot') {
      json(200, {
        url: `ws://127.0.0.1:${port()}`,
        shards: shardCount,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: shardCount },
      });
    } else if (method === 'PUT' && (m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
      const list = (body as unknown as RESTPostAPIApplicationCommandsJSONBody[] | null) ?? [];
      commands.set(m[2] ?? 'global', list);
      json(
        200,
        list.map((c) => ({
          ...c,
          id: snowflake(),
          application_id: applicationId,
          version: snowflake(),
          ...(m![2] ? { guild_id: m![2] } : {}),
        })),
      );
    } else if (method === 'POST' && (m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path))) {
      const record = interactions.get(m[1]!);
      if (!record || record.token !== m[2]) return json(404, { message: 'Unknown interaction', code: 10062 });
      if (record.callbackType !== null)
        return json(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
      const type = Number(body?.type);
      const data = (body?.data ?? {}) as Record<string, unknown>;
      record.callbackType = type;
      record.callbackAt = Date.now();
      record.callbackFlags = Number(data.flags ?? 0);
      if (type === 4 || type === 5)
        record.original = message(type === 4 ? data : { content: '', flags: data.flags ?? 0 }, record);
      if (type === 7) record.original = message(data, record);
      if (type === 8) record.choices = (data.choices as InteractionRecord['choices']) ?? [];
      if (type === 9) record.modal = data;
      if (url.searchParams.get('with_response') === 'true') {
        json(200, {
          interaction: { id: record.id, type: 2, response_message_id: record.original?.id },
          resource: { type, message: record.original },
        });
      } else {
        empty();
      }
    } else if ((m = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/.exec(path))) {
      const record = byToken.get(m[2]!);
      if (!record) return json(404, { message: 'Unknown Webhook', code: 10015 });
      if (method === 'PATCH') {
        record.edits.push(body ?? {});
        record.original = {
          ...(record.original ?? message({}, record)),
          ...(body as object),
          edited_timestamp: new Date().toISOString(),
        };
        json(200, record.original);
      } else if (method === 'GET') {
        json(200, record.original ?? message({}, record));
      } else if (method === 'DELETE') {
        record.original = null;
        empty();
      } else json(405, { message: 'Method not allowed', code: 0 });
    } else if (method === 'POST' && (m = /^\/webhooks\/(\d+)\/([^/]+)$/.exec(path))) {
      const record = byToken.get(m[2]!);
      if (!record) return json(404, { message: 'Unknown Webhook', code: 10015 });
      const followUp = message(body ?? {}, record);
      record.followUps.push(followUp);
      json(200, followUp);
    } else {
      json(404, { message: `404: Not Found (${method} ${path})`, code: 0 });
    }
  }

  function newInteraction(): InteractionRecord {
    const record: InteractionRecord = {
      id: snowflake(),
      token: `itoken-${randomBytes(12).toString('hex')}`,
      sentAt: Date.now(),
      callbackType: null,
      callbackAt: null,
      callbackFlags: 0,
      original: null,
      edits: [],
      followUps: [],
      choices: null,
      modal: null,
    };
    interactions.set(record.id, record);
    byToken.set(record.token, record);
    return record;
  }

  function baseInteraction(user: FakeUser, record: InteractionRecord, channel: string, locale: string, gid = guildId) {
    const thread = threads.get(channel);
    return {
      id: record.id,
      token: record.token,
      application_id: applicationId,
      version: 1 as const,
      guild_id: gid,
      guild: { id: gid, features: [], locale: 'en-US' as Locale },
      channel_id: channel,
      // The partial channel Discord sends with an interaction (test/fixtures/discord).
      channel: thread
        ? threadChannel(thread)
        : {
            id: channel,
            type: ChannelType.GuildText as const,
            name: 'feud',
            guild_id: gid,
            flags: 0,
            last_message_id: null,
            nsfw: false,
            parent_id: null,
            permissions: String(user.permissions),
            position: 0,
            rate_limit_per_user: 0,
            topic: null,
          },
      member: {
        user: user.user,
        roles: user.roles,
        permissions: String(user.permissions),
        joined_at: new Date().toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
        avatar: null,
        banner: null,
        communication_disabled_until: null,
        nick: null,
        pending: false,
        premium_since: null,
      },
      app_permissions: String(
        PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks | PermissionFlagsBits.ViewChannel,
      ),
      locale: locale as Locale,
      guild_locale: 'en-US' as Locale,
      entitlements: [],
      // Deprecated by Discord, still sent.
      entitlement_sku_ids: [],
      authorizing_integration_owners: { '0': gid },
      context: 0,
      attachment_size_limit: 8_388_608,
    };
  }

  /** An interaction, to the shard that has its server. */
  function deliver(payload: object): void {
    const shard = shardOfGuild((payload as { guild_id?: string }).guild_id ?? guildId, shardCount);
    const socket = shardCount === 1 ? identified : shardSockets.get(shard);
    if (!socket) throw new Error(`Shard ${shard} has not identified on the gateway yet.`);
    dispatch(socket, GatewayDispatchEvents.InteractionCreate, payload);
  }

  return {
    api: `http://127.0.0.1:${port()}/api`,
    applicationId,
    guildId,
    guildIds,
    connectedShards: () => [...shardSockets].filter(([, ws]) => ws.readyState === WebSocket.OPEN).map(([id]) => id),
    channelId,
    otherChannelId,
    moderatorRoleId,
    users,
    calls,
    interactions,
    commands,
    ready,
    slash(user, name, options = {}, extra = {}) {
      const record = newInteraction();
      const attachments = extra.attachments ?? {};
      const typed = (value: string | number | boolean): ApplicationCommandOptionType =>
        typeof value === 'boolean'
          ? ApplicationCommandOptionType.Boolean
          : typeof value === 'number'
            ? ApplicationCommandOptionType.Integer
            : ApplicationCommandOptionType.String;
      const payload = {
        ...baseInteraction(user, record, extra.channelId ?? channelId, extra.locale ?? 'en-US', extra.guildId),
        type: InteractionType.ApplicationCommand,
        data: {
          id: snowflake(),
          name,
          type: ApplicationCommandType.ChatInput,
          guild_id: extra.guildId ?? guildId,
          options: subcommandOf(extra.subcommand, [
            ...Object.entries(options).map(([key, value]) => ({ name: key, type: typed(value), value })),
            ...Object.entries(attachments).map(([key, file]) => ({
              name: key,
              type: ApplicationCommandOptionType.Attachment,
              value: file.id,
            })),
            ...Object.entries(extra.channels ?? {}).map(([key, id]) => ({
              name: key,
              type: ApplicationCommandOptionType.Channel,
              value: id,
            })),
            ...Object.entries(extra.roles ?? {}).map(([key, id]) => ({
              name: key,
              type: ApplicationCommandOptionType.Role,
              value: id,
            })),
          ] as APIApplicationCommandInteractionDataOption[]),
          resolved: {
            ...(Object.keys(attachments).length > 0
              ? { attachments: Object.fromEntries(Object.values(attachments).map((a) => [a.id, a])) }
              : {}),
            channels: Object.fromEntries(
              Object.values(extra.channels ?? {}).map((id) => {
                const known = (guild().channels as { id: string; type: number; name: string }[]).find(
                  (c) => c.id === id,
                );
                return [
                  id,
                  {
                    id,
                    type: known?.type ?? ChannelType.GuildText,
                    name: known?.name ?? 'x',
                    permissions: String(basic),
                  },
                ];
              }),
            ),
            roles: Object.fromEntries(
              Object.values(extra.roles ?? {}).map((id) => [
                id,
                (guild().roles as APIRole[]).find((r) => r.id === id)!,
              ]),
            ),
          },
        },
      } satisfies Partial<APIChatInputApplicationCommandInteraction> & Record<string, unknown>;
      deliver(payload);
      return record;
    },
    autocomplete(user, name, focused) {
      const record = newInteraction();
      const option = {
        name: focused.option,
        type: ApplicationCommandOptionType.String,
        value: focused.value,
        focused: true,
      };
      deliver({
        ...baseInteraction(user, record, channelId, 'en-US'),
        type: InteractionType.ApplicationCommandAutocomplete,
        data: {
          id: snowflake(),
          name,
          type: ApplicationCommandType.ChatInput,
          guild_id: guildId,
          options: subcommandOf(focused.subcommand, [option] as APIApplicationCommandInteractionDataOption[]),
        },
      });
      return record;
    },
    submitModal(user, customId, fields, onMessage, extra = {}) {
      const record = newInteraction();
      deliver({
        ...baseInteraction(user, record, onMessage.channel_id, extra.locale ?? 'en-US'),
        type: InteractionType.ModalSubmit,
        // Each field in a Label component, as Discord sends a modal built of labels.
        data: {
          custom_id: customId,
          components: Object.entries(fields).map(([id, value], i) => ({
            type: ComponentType.Label,
            id: i * 2 + 1,
            component: Array.isArray(value)
              ? { type: ComponentType.StringSelect, id: i * 2 + 2, custom_id: id, values: value }
              : { type: ComponentType.TextInput, id: i * 2 + 2, custom_id: id, value },
          })),
        },
        message: onMessage,
      });
      return record;
    },
    upload(filename, bytes, contentType) {
      const id = snowflake();
      const path = `/attachments/${id}/${filename}`;
      files.set(path, { bytes, type: contentType });
      const url = `http://127.0.0.1:${port()}${path}`;
      return {
        id,
        filename,
        size: bytes.byteLength,
        url,
        proxy_url: url,
        ...(contentType ? { content_type: contentType } : {}),
      };
    },
    click(user, customId, onMessage, extra = {}) {
      const record = newInteraction();
      const payload = {
        ...baseInteraction(user, record, onMessage.channel_id, extra.locale ?? 'en-US'),
        type: InteractionType.MessageComponent,
        data: { custom_id: customId, component_type: ComponentType.Button },
        message: onMessage,
      } satisfies Partial<APIMessageComponentInteraction> & Record<string, unknown>;
      deliver(payload);
      return record;
    },
    messageCommand(user, name, target) {
      const record = newInteraction();
      const message = {
        id: target.id,
        channel_id: target.channelId,
        guild_id: guildId,
        author: target.author.user,
        content: target.content,
        timestamp: new Date().toISOString(),
        edited_timestamp: null,
        tts: false,
        mention_everyone: false,
        mentions: [],
        mention_roles: [],
        attachments: [],
        embeds: [],
        pinned: false,
        type: 0,
        flags: 0,
      };
      const payload = {
        ...baseInteraction(user, record, target.channelId, 'en-US'),
        type: InteractionType.ApplicationCommand,
        data: {
          id: snowflake(),
          name,
          type: ApplicationCommandType.Message,
          guild_id: guildId,
          target_id: target.id,
          resolved: { messages: { [target.id]: message } },
        },
      };
      deliver(payload);
      return record;
    },
    threads,
    channelMessages,
    forumPost(user, title, text) {
      if (!identified) throw new Error('The bot has not identified on the gateway yet.');
      const id = snowflake();
      const thread = {
        id,
        parentId: forumChannelId,
        name: title,
        messageId: id,
        ownerId: user.user.id,
        appliedTags: [],
      };
      threads.set(id, thread);
      dispatch(identified, GatewayDispatchEvents.ThreadCreate, { ...threadChannel(thread), newly_created: true });
      sendMessage(user, id, text, { id });
      return id;
    },
    message(user, channel, text, options = {}) {
      return sendMessage(user, channel, text, options);
    },
    intents: () => identifyIntents,
    channelEdits,
    reactions,
    forumChannelId,
    solvedTagId,
    helpersRoleId,
    fail(fault) {
      faults.push(fault);
    },
    waitFor<T>(predicate: () => T | undefined | false | null, ms = 10_000, what = 'condition'): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const check = () => {
          const value = predicate();
          if (value) {
            cleanup();
            resolve(value);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`Timed out after ${ms} ms waiting for ${what}`));
        }, ms);
        const poll = setInterval(check, 25);
        const cleanup = () => {
          clearTimeout(timer);
          clearInterval(poll);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    dropGateway() {
      gatewayDown = true;
      for (const ws of clients) ws.terminate();
    },
    restoreGateway() {
      gatewayDown = false;
    },
    async close() {
      for (const ws of clients) ws.terminate();
      wss.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
