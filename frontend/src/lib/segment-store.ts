/**
 * Local state of the segments being edited: drafts, debounced autosave with optimistic locking, per-segment undo.
 * Pure TypeScript (no Lit, no DOM) so it is tested in node; the editor view wires it to the rows.
 */
import type { Segment } from '../../../backend/src/schemas/article.ts';
import type { PatchResult, QaBlock, SegmentPatch } from '../api/segments.ts';

export type { PatchResult };
export type SaveState = 'saved' | 'dirty' | 'saving' | 'conflict' | 'error' | 'blocked';

export interface Conflict {
  id: string;
  /** The text this browser tried to save. */
  mine: string;
  /** What the server holds now. */
  theirs: Segment;
  /** The saved text this browser's edit started from (the base of a three-way merge). */
  base: string;
}

/** A status change the QA gate refused; `overrideQa(id, reason)` sends it again, `dropQaChange(id)` gives it up. */
export interface QaBlocked extends QaBlock {
  id: string;
}

/** Failed saves are tried again after 2 s, 4 s, ... up to this, until the server answers. */
const MAX_RETRY_MS = 30_000;

export interface StoreOptions {
  save: (id: string, patch: SegmentPatch) => Promise<PatchResult>;
  onChange: (id: string) => void;
  onConflict: (conflict: Conflict) => void;
  onError?: (id: string, err: unknown) => void;
  onQaBlocked?: (blocked: QaBlocked) => void;
  delayMs?: number;
  editor?: string;
  timers?: { set: (fn: () => void, ms: number) => unknown; clear: (handle: unknown) => void };
}

interface Entry {
  server: Segment;
  draft: string | null;
  state: SaveState;
  history: string[];
  timer: unknown;
  inFlight: Promise<void> | null;
  error: string | null;
  /** The server's error code of the failed save (e.g. ERR_REVIEW_ANNOTATION_REQUIRED). */
  errorCode: string | null;
  /** Typing since the last undo point: further keystrokes join the same step. */
  typing: boolean;
  /** The saved translation the current draft started from; null without a draft. */
  base: string | null;
  /** Failed attempts in a row (network, 5xx), for the retry back-off. */
  failures: number;
  /** The patch the QA gate refused, kept for an override. */
  blocked: SegmentPatch | null;
}

/** A failure worth trying again by itself: no answer at all, or a server error. A 4xx would fail the same way again. */
function retryable(err: unknown): boolean {
  const status = (err as { status?: unknown })?.status;
  return typeof status !== 'number' || status === 0 || status >= 500;
}

/** Holds every segment of one article and saves edits without ever overwriting someone else's. */
export class SegmentStore {
  private readonly entries = new Map<string, Entry>();
  private readonly opts: Required<Omit<StoreOptions, 'editor' | 'onError' | 'onQaBlocked'>> & Pick<StoreOptions, 'editor' | 'onError' | 'onQaBlocked'>;

  constructor(segments: Segment[], opts: StoreOptions) {
    this.opts = {
      delayMs: 800,
      timers: { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) },
      ...opts,
    };
    for (const s of segments) this.entries.set(s.id, { server: s, draft: null, state: 'saved', history: [], timer: null, inFlight: null, error: null, errorCode: null, typing: false, base: null, failures: 0, blocked: null });
  }

  private entry(id: string): Entry {
    const e = this.entries.get(id);
    if (!e) throw new Error(`Unknown segment ${id}`);
    return e;
  }

  /** The segment as the server last sent it. */
  segment(id: string): Segment {
    return this.entry(id).server;
  }

  /** The text the editor sees: the unsaved draft, else the saved translation. */
  text(id: string): string {
    const e = this.entry(id);
    return e.draft ?? e.server.translation ?? '';
  }

  state(id: string): SaveState {
    return this.entry(id).state;
  }

  lastErrorCode(id: string): string | null {
    return this.entry(id).errorCode;
  }

  lastError(id: string): string | null {
    return this.entry(id).error;
  }

  canUndo(id: string): boolean {
    return this.entry(id).history.length > 0;
  }

  /** True while any segment has unsaved text (the page warns before unload). */
  hasUnsaved(): boolean {
    for (const e of this.entries.values()) if (e.draft !== null) return true;
    return false;
  }

  /** Segments whose last save failed and is being retried (the page-wide banner lists them). */
  failing(): string[] {
    return [...this.entries].filter(([, e]) => e.state === 'error').map(([id]) => id);
  }

  /** Try every failed save again now (the browser came back online, or the editor asked). */
  retryAll(): void {
    for (const id of this.failing()) void this.retry(id);
  }

  /** Start a draft from the saved text (the base of a later three-way merge). */
  private setDraft(e: Entry, text: string): void {
    if (e.draft === null) e.base = e.server.translation ?? '';
    e.draft = text;
  }

  /** Record typing; a burst of typing (until the pause that saves it) is one undo step. Saves after a pause. */
  edit(id: string, text: string): void {
    const e = this.entry(id);
    if (text === this.text(id)) return;
    if (!e.typing) e.history.push(this.text(id));
    e.typing = true;
    this.setDraft(e, text);
    if (e.state !== 'conflict') e.state = 'dirty';
    this.schedule(id);
    this.opts.onChange(id);
  }

  /** Replace the text in one step (copy MT, merge), as its own undo point. */
  replace(id: string, text: string): void {
    const e = this.entry(id);
    if (text === this.text(id)) return;
    e.history.push(this.text(id));
    e.typing = false;
    this.setDraft(e, text);
    if (e.state !== 'conflict') e.state = 'dirty';
    this.schedule(id);
    this.opts.onChange(id);
  }

  /** Go back to the text before the last change; returns it, or null when there is nothing to undo. */
  undo(id: string): string | null {
    const e = this.entry(id);
    const previous = e.history.pop();
    if (previous === undefined) return null;
    e.typing = false;
    this.setDraft(e, previous);
    if (e.state !== 'conflict') e.state = 'dirty';
    this.schedule(id);
    this.opts.onChange(id);
    return previous;
  }

  private schedule(id: string): void {
    const e = this.entry(id);
    if (e.timer !== null) this.opts.timers.clear(e.timer);
    e.timer = this.opts.timers.set(() => {
      e.timer = null;
      e.typing = false;
      void this.flush(id);
    }, this.opts.delayMs);
  }

  /** Save the draft now (waits for a save already in flight first). */
  async flush(id: string, extra: Partial<SegmentPatch> = {}): Promise<boolean> {
    const e = this.entry(id);
    if (e.timer !== null) {
      this.opts.timers.clear(e.timer);
      e.timer = null;
    }
    while (e.inFlight) await e.inFlight;
    if (e.state === 'conflict' || e.state === 'blocked') return false;
    const draft = e.draft;
    const changed = draft !== null && draft !== (e.server.translation ?? '');
    if (!changed && Object.keys(extra).length === 0) {
      if (draft !== null) e.draft = null;
      e.base = null;
      e.state = 'saved';
      this.opts.onChange(id);
      return true;
    }
    const patch: SegmentPatch = { version: e.server.version, ...(changed ? { translation: draft, status: 'edited' as const } : {}), ...extra };
    if (this.opts.editor) patch.editor = this.opts.editor;
    return this.send(id, patch, draft);
  }

  private async send(id: string, patch: SegmentPatch, sent: string | null): Promise<boolean> {
    const e = this.entry(id);
    e.state = 'saving';
    this.opts.onChange(id);
    let ok = false;
    const run = (async () => {
      try {
        const res = await this.opts.save(id, patch);
        if (res.ok) {
          e.server = res.segment;
          e.error = null;
          e.errorCode = null;
          e.failures = 0;
          e.blocked = null;
          // Typing during the save keeps the newer draft and saves it next (its base is what was just saved).
          if (e.draft === sent) {
            e.draft = null;
            e.base = null;
          } else e.base = res.segment.translation ?? '';
          e.state = e.draft === null ? 'saved' : 'dirty';
          ok = true;
        } else if ('qaBlocked' in res) {
          e.state = 'blocked';
          e.blocked = patch;
          this.opts.onQaBlocked?.({ id, ...res.qaBlocked });
        } else {
          e.state = 'conflict';
          this.opts.onConflict({ id, mine: e.draft ?? patch.translation ?? this.text(id), theirs: res.conflict, base: e.base ?? e.server.translation ?? '' });
        }
      } catch (err) {
        e.state = 'error';
        e.error = (err as Error)?.message ?? String(err);
        e.errorCode = (err as { code?: string })?.code ?? null;
        this.opts.onError?.(id, err);
        if (retryable(err)) this.scheduleRetry(id, { ...patch });
      }
    })();
    e.inFlight = run;
    await run;
    e.inFlight = null;
    this.opts.onChange(id);
    if (ok && e.draft !== null) this.schedule(id);
    return ok;
  }

  /** After a failed save, try again later with the same change (the draft may have moved on meanwhile). */
  private scheduleRetry(id: string, patch: SegmentPatch): void {
    const e = this.entry(id);
    e.failures++;
    if (e.timer !== null) this.opts.timers.clear(e.timer);
    const { translation: _t, version: _v, editor: _e, ...rest } = patch;
    const extra = patch.status === 'edited' ? {} : rest;
    e.timer = this.opts.timers.set(() => {
      e.timer = null;
      if (e.state === 'error') {
        e.state = 'dirty';
        void this.flush(id, extra);
      }
    }, Math.min(MAX_RETRY_MS, 1000 * 2 ** e.failures));
  }

  /** Send the change the QA gate refused again, with the reason the editor gave for overriding it. */
  overrideQa(id: string, reason: string): Promise<boolean> {
    const e = this.entry(id);
    if (e.state !== 'blocked' || !e.blocked) return Promise.resolve(false);
    const patch: SegmentPatch = { ...e.blocked, version: e.server.version, qaOverride: { reason } };
    if (e.draft !== null) patch.translation = e.draft;
    e.blocked = null;
    return this.send(id, patch, e.draft);
  }

  /** Give up the refused status change; any unsaved text is still saved (as an edit). */
  dropQaChange(id: string): Promise<boolean> {
    const e = this.entry(id);
    if (e.state !== 'blocked') return Promise.resolve(false);
    e.blocked = null;
    e.state = e.draft === null ? 'saved' : 'dirty';
    this.opts.onChange(id);
    return this.flush(id);
  }

  /** Approve: saves any draft with it in one request. Empty text cannot be approved. */
  async approve(id: string): Promise<boolean> {
    if (this.text(id).trim() === '') return false;
    return this.flush(id, { status: 'approved', ...(this.entry(id).draft !== null ? { translation: this.text(id) } : {}) });
  }

  /** A translator's sign-off (a reviewer approves later); saves any draft with it. */
  async confirm(id: string): Promise<boolean> {
    if (this.text(id).trim() === '') return false;
    return this.flush(id, { status: 'confirmed', ...(this.entry(id).draft !== null ? { translation: this.text(id) } : {}) });
  }

  /** Save the draft again with the reviewer's error annotations (a confirmed translation was changed). */
  annotate(id: string, annotations: NonNullable<SegmentPatch['annotations']>): Promise<boolean> {
    const e = this.entry(id);
    if (e.state === 'error') e.state = 'dirty';
    return this.flush(id, { annotations });
  }

  /** Retry a save that failed (network, 5xx): keeps the draft. */
  retry(id: string): Promise<boolean> {
    const e = this.entry(id);
    if (e.state === 'error') e.state = 'dirty';
    return this.flush(id);
  }

  /** Conflict resolved by taking the server's version: the draft is dropped (still undoable). */
  acceptTheirs(theirs: Segment): void {
    const e = this.entry(theirs.id);
    if (e.draft !== null) e.history.push(e.draft);
    e.server = theirs;
    e.draft = null;
    e.base = null;
    e.state = 'saved';
    this.opts.onChange(theirs.id);
  }

  /** Conflict resolved with `text` (mine or a merge), saved on top of the server's current version. */
  resolveWith(theirs: Segment, text: string): Promise<boolean> {
    const e = this.entry(theirs.id);
    e.server = theirs;
    e.history.push(e.draft ?? e.server.translation ?? '');
    e.draft = text;
    e.base = theirs.translation ?? '';
    e.state = 'dirty';
    return this.flush(theirs.id);
  }

  /**
   * A streamed result (machine translation, status, error) shown before the full segment is reloaded. The version
   * stays, so a save in between still meets the server's real version.
   */
  showResult(id: string, fields: Partial<Pick<Segment, 'machineTranslation' | 'status' | 'error'>>): void {
    const e = this.entries.get(id);
    if (!e) return;
    const cur = e.server;
    // The server fills the translation with the MT unless an editor owns it; show the same.
    const untouched = cur.translation === null || cur.translation === cur.machineTranslation;
    const translation = untouched && fields.machineTranslation ? fields.machineTranslation : cur.translation;
    e.server = { ...cur, ...fields, translation };
    this.opts.onChange(id);
  }

  /**
   * A newer segment from the server (translation stream, reload). Without a local draft it replaces the row;
   * with one the draft stays, so the next save meets the new version and asks the editor (409), never overwrites.
   */
  applyServer(segment: Segment): void {
    const e = this.entries.get(segment.id);
    if (!e) return;
    if (segment.version < e.server.version) return;
    if (e.draft === null || e.draft === (segment.translation ?? '')) {
      e.server = segment;
      e.draft = null;
      e.base = null;
      if (e.state !== 'saving') e.state = 'saved';
    } else {
      // keep our base version so the save reports the conflict
      e.server = { ...segment, version: e.server.version };
    }
    this.opts.onChange(segment.id);
  }
}
