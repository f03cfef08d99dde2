/**
 * The brief chain: a structured English brief of an article. Structured output (json_schema) first; servers
 * without it (or answers that do not parse) fall back to plain JSON text. Either way the draft is validated with
 * zod and against the article's segments, gets one repair attempt, and otherwise fails with a coded error.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import { z } from 'zod';
import { Errors } from '../errors.ts';
import { BRIEF_LENGTH_WORDS, BriefDraft, checkBrief, summaryLengthIssue, type BriefContent, type BriefLength } from './brief-schema.ts';
import { renderPrompt, type Prompt } from './prompts.ts';
import { escapeData } from './translate-chain.ts';

export interface BriefSegment {
  id: string;
  source: string;
  translation: string | null;
}

export interface BriefOptions {
  prompt: Prompt;
  length: BriefLength;
  /** 'auto' tries json_schema and falls back to JSON text; 'text' skips structured output. */
  structured?: 'auto' | 'jsonSchema' | 'functionCalling' | 'text';
  signal?: AbortSignal;
  onAttempt?: (attempt: BriefAttempt) => void | Promise<void>;
}

export interface BriefAttempt {
  mode: 'structured' | 'text' | 'repair';
  output: string | null;
  tokensIn: number | null;
  tokensOut: number | null;
  latencyMs: number;
  error: string | null;
}

/** `problem`: what makes the draft unusable; `soft`: what is worth a repair but not a failure (summary length). */
type Draft = { draft: BriefDraft | null; raw: string; problem: string | null; soft?: string | null };

const JSON_SCHEMA_TEXT = JSON.stringify(z.toJSONSchema(BriefDraft));

/** The article as the prompt shows it: one short label per segment, English first when there is one. */
export function renderArticle(segments: BriefSegment[]): { text: string; labels: string[] } {
  const labels = segments.map((_, i) => `s${i + 1}`);
  const text = segments
    .map((s, i) => `[${labels[i]}] ${s.translation ? `${escapeData(s.translation)}\n     (Vietnamese: ${escapeData(s.source)})` : escapeData(s.source)}`)
    .join('\n');
  return { text, labels };
}

function textOf(msg: BaseMessage): string {
  return typeof msg.content === 'string' ? msg.content : msg.content.map((p) => ('text' in p ? p.text : '')).join('');
}

/** Parse JSON text (fences allowed) and validate it as a draft. */
export function parseDraft(raw: string): Draft {
  const body = raw.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/i, '$1');
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    return { draft: null, raw, problem: `not valid JSON (${(err as Error).message})` };
  }
  const parsed = BriefDraft.safeParse(value);
  if (!parsed.success) return { draft: null, raw, problem: parsed.error.issues.map((i) => `${i.path.join('.') || 'root'}: ${i.message}`).join('; ') };
  return { draft: parsed.data, raw, problem: null };
}

function statusOf(err: unknown): number | undefined {
  return typeof err === 'object' && err !== null && typeof (err as { status?: unknown }).status === 'number' ? (err as { status: number }).status : undefined;
}

/**
 * Write the brief. Segment labels in the draft are mapped back to the real segment ids.
 * @throws ERR_MODEL_OUTPUT_INVALID when the draft still fails validation after one repair; ERR_MODEL_FAILED on a failed call.
 */
export async function writeBrief(model: BaseChatModel, title: string, segments: BriefSegment[], opts: BriefOptions): Promise<BriefContent> {
  const { text, labels } = renderArticle(segments);
  const rendered = renderPrompt(opts.prompt, { length_words: String(BRIEF_LENGTH_WORDS[opts.length]), title: escapeData(title), segments: text });
  const messages: BaseMessage[] = [new SystemMessage(rendered.system), new HumanMessage(rendered.user)];
  const labelSet = new Set(labels);

  async function call(mode: BriefAttempt['mode'], run: () => Promise<{ raw: BaseMessage; parsed?: unknown }>): Promise<Draft> {
    const started = performance.now();
    try {
      const { raw, parsed } = await run();
      const u = (raw as AIMessage).usage_metadata;
      const rawText = parsed !== undefined && parsed !== null ? JSON.stringify(parsed) : textOf(raw) || JSON.stringify((raw as AIMessage).tool_calls?.[0]?.args ?? null);
      const draft = parsed !== undefined && parsed !== null ? parseDraft(JSON.stringify(parsed)) : parseDraft(rawText);
      const problem = draft.problem ?? (checkBrief(draft.draft!, labelSet).join('; ') || null);
      const soft = draft.draft ? summaryLengthIssue(draft.draft.summary, opts.length) : null;
      await opts.onAttempt?.({ mode, output: rawText, tokensIn: u?.input_tokens ?? null, tokensOut: u?.output_tokens ?? null, latencyMs: Math.round(performance.now() - started), error: problem ?? soft });
      return { ...draft, problem, soft };
    } catch (err) {
      await opts.onAttempt?.({ mode, output: null, tokensIn: null, tokensOut: null, latencyMs: Math.round(performance.now() - started), error: (err as Error).message });
      throw err;
    }
  }

  const asText = (extra: BaseMessage[]) => async () => ({ raw: await model.invoke([...extra], { signal: opts.signal }) });
  const textMessages = [...messages, new HumanMessage(`Answer with one JSON object that follows this JSON Schema, and nothing else:\n${JSON_SCHEMA_TEXT}`)];
  const mode = opts.structured ?? 'auto';
  let first: Draft;
  try {
    if (mode === 'text') {
      first = await call('text', asText(textMessages));
    } else {
      const structured = model.withStructuredOutput(BriefDraft, { name: 'brief', method: mode === 'functionCalling' ? 'functionCalling' : 'jsonSchema', includeRaw: true });
      first = await call('structured', async () => {
        try {
          const out = await structured.invoke(messages, { signal: opts.signal });
          return { raw: out.raw, parsed: out.parsed };
        } catch (err) {
          // LangChain's parser throws on prose from a server that ignored response_format; that is a bad answer, not a failed call.
          if (!isParseError(err) || opts.signal?.aborted) throw err;
          return { raw: new AIMessage((err as { llmOutput?: string }).llmOutput ?? ''), parsed: null };
        }
      });
      // A server that ignores response_format answers in prose; ask once more for plain JSON before repairing.
      if (first.draft === null && mode === 'auto') first = await call('text', asText(textMessages));
    }
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    const status = statusOf(err);
    // 400/422: the server rejects response_format or tools; plain JSON text is the fallback.
    if (mode === 'auto' && (status === 400 || status === 422)) first = await call('text', asText(textMessages)).catch((e: unknown) => { throw wrap(e, opts.signal); });
    else throw wrap(err, opts.signal);
  }

  let result = first;
  if (result.problem || result.soft) {
    const why = [result.problem, result.soft].filter(Boolean).join('; ');
    const repair = [...textMessages, new AIMessage(result.raw || '(no answer)'), new HumanMessage(
      `That JSON is not acceptable: ${why}. Reply with the corrected JSON object only. Segment ids must be among ${labels[0]}..${labels.at(-1)}.`,
    )];
    const repaired = await call('repair', asText(repair)).catch((e: unknown) => { throw wrap(e, opts.signal); });
    // A repair that only made the length worse still loses to a usable first draft.
    result = repaired.problem && !result.problem ? result : repaired;
  }
  if (result.problem || !result.draft) throw new Errors.ModelOutputInvalid(`the brief did not validate after one repair: ${result.problem}`);
  return toContent(result.draft, labels, segments, opts.length);
}

function isParseError(err: unknown): boolean {
  if (statusOf(err) !== undefined || !(err instanceof Error)) return false;
  // A schema-valid JSON that misses required fields surfaces as the zod error itself, not as a parser exception.
  const isZod = Array.isArray((err as { issues?: unknown }).issues);
  return isZod || err.name === 'SyntaxError' || err.name === 'OutputParserException' || /JSON|parse/i.test(err.message);
}

function wrap(err: unknown, signal?: AbortSignal): unknown {
  if (signal?.aborted) return err;
  return new Errors.ModelFailed((err as Error).message, { cause: err });
}

function toContent(draft: BriefDraft, labels: string[], segments: BriefSegment[], length: BriefLength): BriefContent {
  const idOf = new Map(labels.map((l, i) => [l, segments[i]!.id]));
  return {
    ...draft,
    keyPoints: draft.keyPoints.map((p) => ({ text: p.text, segmentIds: p.segmentIds.map((l) => idOf.get(l)!) })),
    figures: draft.figures.map((f) => ({ ...f, segmentId: idOf.get(f.segmentId)! })),
    length,
  };
}
