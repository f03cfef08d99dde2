/**
 * Local state of the segments being edited: drafts, debounced autosave with optimistic locking, per-segment undo.
 * Pure TypeScript (no Lit, no DOM) so it is tested in node; the editor view wires it to the rows.
 */
import type { PatchSegmentBody, Segment } from '../../../backend/src/schemas/article.ts';

export type SaveState = 'saved' | 'dirty' | 'saving' | 'conflict' | 'error';
export type PatchResult = { ok: true; segment: Segment } | { ok: false; conflict: Segment };

export interface Conflict {
  id: string;
  /** The text this browser tried to save. */
  mine: string;
  /** What the server holds now. */
  theirs: Segment;
}

export interface StoreOptions {
  save: (id: string, patch: PatchSegmentBody) => Promise<PatchResult>;
  onChange: (id: string) => void;
  onConflict: (conflict: Conflict) => void;
  onError?: (id: string, err: unknown) => void;
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
}

/** Holds every segment of one article and saves edits without ever overwriting someone else's. */
export class SegmentStore {
  private readonly entries = new Map<string, Entry>();
  private readonly opts: Required<Omit<StoreOptions, 'editor' | 'onError'>> & Pick<StoreOptions, 'editor' | 'onError'>;

  constructor(segments: Segment[], opts: StoreOptions) {
    this.opts = {
      delayMs: 800,
      timers: { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) },
      ...opts,
    };
    for (const s of segments) this.entries.set(s.id, { server: s, draft: null, state: 'saved', history: [], timer: null, inFlight: null, error: null, errorCode: null, typing: false });
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

  /** Record typing; a burst of typing (until the pause that saves it) is one undo step. Saves after a pause. */
  edit(id: string, text: string): void {
    const e = this.entry(id);
    if (text === this.text(id)) return;
    if (!e.typing) e.history.push(this.text(id));
    e.typing = true;
    e.draft = text;
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
    e.draft = text;
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
    e.draft = previous;
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
  async flush(id: string, extra: Partial<PatchSegmentBody> = {}): Promise<boolean> {
    const e = this.entry(id);
    if (e.timer !== null) {
      this.opts.timers.clear(e.timer);
      e.timer = null;
    }
    while (e.inFlight) await e.inFlight;
    if (e.state === 'conflict') return false;
    const draft = e.draft;
    const changed = draft !== null && draft !== (e.server.translation ?? '');
    if (!changed && Object.keys(extra).length === 0) {
      if (draft !== null) e.draft = null;
      e.state = 'saved';
      this.opts.onChange(id);
      return true;
    }
    const patch: PatchSegmentBody = { version: e.server.version, ...(changed ? { translation: draft, status: 'edited' as const } : {}), ...extra };
    if (this.opts.editor) patch.editor = this.opts.editor;
    return this.send(id, patch, draft);
  }

  private async send(id: string, patch: PatchSegmentBody, sent: string | null): Promise<boolean> {
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
          // Typing during the save keeps the newer draft and saves it next.
          if (e.draft === sent) e.draft = null;
          e.state = e.draft === null ? 'saved' : 'dirty';
          ok = true;
        } else {
          e.state = 'conflict';
          this.opts.onConflict({ id, mine: e.draft ?? patch.translation ?? this.text(id), theirs: res.conflict });
        }
      } catch (err) {
        e.state = 'error';
        e.error = (err as Error)?.message ?? String(err);
        e.errorCode = (err as { code?: string })?.code ?? null;
        this.opts.onError?.(id, err);
      }
    })();
    e.inFlight = run;
    await run;
    e.inFlight = null;
    this.opts.onChange(id);
    if (ok && e.draft !== null) this.schedule(id);
    return ok;
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
  annotate(id: string, annotations: NonNullable<PatchSegmentBody['annotations']>): Promise<boolean> {
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
    e.state = 'saved';
    this.opts.onChange(theirs.id);
  }

  /** Conflict resolved with `text` (mine or a merge), saved on top of the server's current version. */
  resolveWith(theirs: Segment, text: string): Promise<boolean> {
    const e = this.entry(theirs.id);
    e.server = theirs;
    e.draft = text;
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
      if (e.state !== 'saving') e.state = 'saved';
    } else {
      // keep our base version so the save reports the conflict
      e.server = { ...segment, version: e.server.version };
    }
    this.opts.onChange(segment.id);
  }
}
