/**
 * A scripted OpenAI-compatible chat server on 127.0.0.1 for tests and benchmarks, so the real `openai`
 * client and LangChain's request, streaming, structured-output and retry code all run without a provider.
 *
 * Each request to POST /v1/chat/completions is recorded and handed to a script that decides the reply:
 * text, JSON (sent as a tool call when the request forces one, else as content), an HTTP error, or a hang.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ChatMessage {
  role: string;
  content: string | Array<{ type: string; text?: string }> | null;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  response_format?: { type: string; json_schema?: { name: string; schema: unknown; strict?: boolean } };
  tools?: Array<{ type: string; function: { name: string; parameters?: unknown } }>;
  tool_choice?: unknown;
  temperature?: number;
  [key: string]: unknown;
}

export type ScriptReply =
  | { content: string; latencyMs?: number }
  /** Sent as a forced tool call when the request carries tools, otherwise as JSON text content. */
  | { json: unknown; latencyMs?: number }
  | { status: number; body?: unknown; headers?: Record<string, string>; latencyMs?: number }
  /** Never answers: the client's timeout has to fire. */
  | { hang: true };

export interface ScriptContext {
  /** 0-based position of this request among all requests the server received. */
  callIndex: number;
  /** Text of the last user message. */
  userText: string;
}

export type Script = (req: ChatRequest, ctx: ScriptContext) => ScriptReply | Promise<ScriptReply>;

export interface RecordedRequest {
  body: ChatRequest;
  headers: http.IncomingHttpHeaders;
  startedAt: number;
  endedAt?: number;
  reply?: ScriptReply;
}

export interface ScriptedModelServer {
  /** Base URL to give the client, ending in `/v1`. */
  baseURL: string;
  requests: RecordedRequest[];
  /** Highest number of requests being answered at the same time. */
  maxInFlight: number;
  setScript(script: Script): void;
  setLatency(ms: number): void;
  /** Clear recorded requests and the in-flight high-water mark. */
  reset(): void;
  close(): Promise<void>;
}

const WORDS = ['the', 'province', 'cooperation', 'committee', 'foreign', 'affairs', 'delegation', 'partners', 'promoted', 'friendship',
  'investment', 'programme', 'people', 'state', 'relations', 'development', 'continued', 'agreement', 'with', 'and'];

/**
 * Count tokens the way this server reports usage: words, numbers and single punctuation marks.
 * Deterministic and close enough to a BPE count for ratios.
 */
export function countTokens(text: string): number {
  return text.match(/[\p{L}\p{M}]+|\p{N}+|[^\s\p{L}\p{M}\p{N}]/gu)?.length ?? 0;
}

/** Text of a message's content, whatever its shape. */
export function messageText(m: ChatMessage | undefined): string {
  if (!m || m.content == null) return '';
  return typeof m.content === 'string' ? m.content : m.content.map((p) => p.text ?? '').join('');
}

/** The text between `<source>` and `</source>` in a message, or the whole text when there is no such block. */
export function extractSource(text: string): string {
  const m = /<source>\n?([\s\S]*?)\n?<\/source>/.exec(text);
  return (m ? m[1]! : text).trim();
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/**
 * A deterministic English-looking rendering of a Vietnamese segment: each word becomes a word from a small list
 * chosen by its hash, numbers are kept. Equal sources give equal output, so a test can check that a stored
 * translation came from a request carrying that source.
 * @example fakeTranslate('Năm 2020 có 15 dự án') // 'Development 2020 ... 15 ...'
 */
export function fakeTranslate(source: string): string {
  const tokens = source.match(/[\p{L}\p{M}]+|[\d.,]*\d/gu) ?? [];
  const out = tokens.map((t) => (/\d/.test(t) ? t : WORDS[hash(t.toLowerCase()) % WORDS.length]!));
  const text = out.join(' ');
  return text ? `${text.charAt(0).toUpperCase()}${text.slice(1)}.` : '';
}

/** The `<source>` block of the newest user message that has one (a follow-up message may not repeat it). */
export function sourceOf(req: ChatRequest): string {
  const withSource = [...req.messages].reverse().find((m) => m.role === 'user' && /<source>[\s\S]*<\/source>/.test(messageText(m)));
  return extractSource(messageText(withSource ?? req.messages.at(-1)));
}

/** Default script: translates the `<source>` block with `fakeTranslate`. */
export const translatorScript: Script = (req) => ({ content: fakeTranslate(sourceOf(req)) });

function usageFor(req: ChatRequest, completion: string) {
  const prompt = req.messages.reduce((n, m) => n + countTokens(messageText(m)), 0);
  const completionTokens = countTokens(completion);
  return { prompt_tokens: prompt, completion_tokens: completionTokens, total_tokens: prompt + completionTokens };
}

function forcedToolName(req: ChatRequest): string | undefined {
  if (!req.tools?.length) return undefined;
  const choice = req.tool_choice as { function?: { name?: string } } | undefined;
  return choice?.function?.name ?? req.tools[0]!.function.name;
}

function sendCompletion(res: http.ServerResponse, req: ChatRequest, reply: { content: string } | { json: unknown }, n: number): void {
  const id = `chatcmpl-${n}`;
  const created = Math.floor(Date.now() / 1000);
  const toolName = 'json' in reply ? forcedToolName(req) : undefined;
  const text = 'json' in reply ? JSON.stringify(reply.json) : reply.content;
  const usage = usageFor(req, text);
  const toolCall = toolName ? { id: `call_${n}`, type: 'function', function: { name: toolName, arguments: text } } : undefined;
  const finish = toolCall ? 'tool_calls' : 'stop';
  if (!req.stream) {
    const message = toolCall ? { role: 'assistant', content: null, tool_calls: [toolCall] } : { role: 'assistant', content: text };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id, object: 'chat.completion', created, model: req.model, choices: [{ index: 0, message, finish_reason: finish }], usage }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const chunk = (delta: unknown, finishReason: string | null, extra: object = {}) =>
    res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: req.model, choices: [{ index: 0, delta, finish_reason: finishReason }], ...extra })}\n\n`);
  if (toolCall) {
    chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: toolCall.id, type: 'function', function: { name: toolName, arguments: '' } }] }, null);
    for (const piece of text.match(/[\s\S]{1,40}/g) ?? []) chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }, null);
  } else {
    chunk({ role: 'assistant', content: '' }, null);
    for (const piece of text.match(/\S+\s*/g) ?? []) chunk({ content: piece }, null);
  }
  chunk({}, finish);
  if (req.stream_options?.include_usage) {
    res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: req.model, choices: [], usage })}\n\n`);
  }
  res.end('data: [DONE]\n\n');
}

/**
 * Start the server on 127.0.0.1 with an OS-chosen port.
 * @example
 * const server = await startScriptedModelServer({ latencyMs: 50 });
 * const model = new ChatOpenAI({ apiKey: 'test', configuration: { baseURL: server.baseURL } });
 * await server.close();
 */
export async function startScriptedModelServer(options: { script?: Script; latencyMs?: number } = {}): Promise<ScriptedModelServer> {
  let script = options.script ?? translatorScript;
  let latencyMs = options.latencyMs ?? 0;
  let inFlight = 0;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number) => new Promise<void>((resolve) => {
    const t = setTimeout(() => { timers.delete(t); resolve(); }, ms);
    timers.add(t);
  });

  const state: ScriptedModelServer = {
    baseURL: '',
    requests: [],
    maxInFlight: 0,
    setScript: (s) => { script = s; },
    setLatency: (ms) => { latencyMs = ms; },
    reset: () => { state.requests.length = 0; state.maxInFlight = inFlight; },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: String(err), type: 'server_error' } }));
      });
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string): Promise<void> {
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `No route ${req.method} ${req.url}`, type: 'invalid_request_error' } }));
      return;
    }
    const body = JSON.parse(raw) as ChatRequest;
    const record: RecordedRequest = { body, headers: req.headers, startedAt: Date.now() };
    const callIndex = state.requests.push(record) - 1;
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    res.on('close', () => { inFlight--; record.endedAt = Date.now(); });
    const lastUser = [...body.messages].reverse().find((m) => m.role === 'user');
    const reply = await script(body, { callIndex, userText: messageText(lastUser) });
    record.reply = reply;
    if ('hang' in reply) return;
    const wait = reply.latencyMs ?? latencyMs;
    if (wait > 0) await sleep(wait);
    if (res.destroyed) return;
    if ('status' in reply) {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.body ?? { error: { message: `Scripted error ${reply.status}`, type: reply.status === 429 ? 'rate_limit_exceeded' : 'server_error' } }));
      return;
    }
    sendCompletion(res, body, reply, callIndex);
  }

  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return state;
}
