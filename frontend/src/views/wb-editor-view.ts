/**
 * The editor at /articles/:id: a header with translate/progress/brief/export, the filter bar (and find/replace), then
 * one <wb-segment-row> per segment that passes the filter. A long article is windowed: only the rows near the
 * viewport (plus the focused one) are in the DOM, with spacers standing for the others at their measured (or
 * estimated) heights, so scrolling 1,000 segments styles and lays out a few dozen rows, not all of them. Drafts live
 * in the segment store, so a row that scrolls out and back shows what was typed. Later changes (typing, a job's
 * results, a colleague's save heard on the article's live events) go straight to the affected row if it is rendered,
 * and a row rendered later reads the store; counts are recomputed at most a few times a second.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { getArticle, type Article, type Segment } from '../api/articles.ts';
import { cancelJob, listJobs, translateAndWatch, type JobProgress, type SegmentUpdate } from '../api/jobs.ts';
import { patchSegment, propagatedOf, segmentHistory, type PropagatedItem, type SegmentEdit, type SegmentPatch } from '../api/segments.ts';
import { articleTmScores, lookupTm } from '../api/tm.ts';
import '../components/wb-brief-panel.ts';
import '../components/wb-conflict-dialog.ts';
import '../components/wb-editor-header.ts';
import type { HeaderCounts, WbEditorHeader } from '../components/wb-editor-header.ts';
import '../components/wb-filter-bar.ts';
import type { WbFilterBar } from '../components/wb-filter-bar.ts';
import '../components/wb-find-replace.ts';
import type { FindResult } from '../components/wb-find-replace.ts';
import '../components/wb-qa-gate-dialog.ts';
import '../components/wb-help-overlay.ts';
import '../components/wb-propagation-toast.ts';
import type { WbSegmentRow } from '../components/wb-segment-row.ts';
import '../components/wb-segment-row.ts';
import { t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';
import { can } from '../lib/session.ts';
import { findHits, replaceHits, type FindOptions } from '../lib/find-replace.ts';
import { followArticle } from '../lib/live-article.ts';
import { cssProps } from '../lib/css-props.ts';
import { countFilters, matcher, nextWhere, NO_FILTER, stateOf, type FilterCounts, type FilterItem, type SegmentFilter } from '../lib/segment-filter.ts';
import { SegmentStore, type Conflict, type QaBlocked } from '../lib/segment-store.ts';
import { neighbour, nextUnapproved, shortcutFor, type Action } from '../lib/shortcuts.ts';
import { TmCache } from '../lib/tm-cache.ts';
import { editorStyles } from './wb-editor-view.styles.ts';

type Detail = { id: string; text?: string; annotations?: Parameters<SegmentStore['annotate']>[1] };

/** Rows in the first paint (more than a 1280x800 screen holds); the window grows to its overscan right after. */
const FIRST_ROWS = 8;
/** Up to this many rows shown, all are rendered; above, only those near the viewport. */
const WINDOW_FROM = 60;
/** Pixels rendered beyond each edge of the viewport. */
const OVERSCAN_PX = 1000;
/** The window moves once the viewport comes this close to a rendered edge (so most scrolled frames change nothing). */
const SLACK_PX = 400;
/**
 * Rows a scrolled frame adds at most on each side: the overscan gives the window a few frames to grow, so a frame
 * never builds many rows at once (the rows the viewport itself needs are always added at once).
 */
const ROWS_PER_FRAME = 2;
/** Height assumed for a row never measured, until some rows have been. */
const ESTIMATE_PX = 140;

/** What the rows list renders: a row, or a spacer standing for rows not rendered. */
type Slot = { key: string; id: string; pos: number } | { key: string; height: number };

@customElement('wb-editor-view')
export class WbEditorView extends LitElement {
  static override styles = editorStyles;

  @property() articleId = '';
  @state() private article: Article | null = null;
  @state() private loadError = '';
  @state() private job: { id: string; progress: JobProgress } | null = null;
  @state() private jobError = '';
  @state() private briefOpen = false;
  @state() private helpOpen = false;
  @state() private conflicts: Conflict[] = [];
  @state() private saver: SegmentEdit | null = null;
  @state() private qaBlocked: QaBlocked[] = [];
  /** Segments whose save failed and is being retried, for the page-wide banner. */
  @state() private failing: string[] = [];
  @state() private filter: SegmentFilter = NO_FILTER;
  /** The segments the latest approval filled (auto-propagation), offered for undo. */
  @state() private propagated: PropagatedItem[] = [];
  /** Best memory score per segment id, from one request per load and per approval (the memory filter's fact). */
  private tmScores: Record<string, number> = {};
  /** Rows shown that no longer pass the active filter after an edit, a status change or a colleague's save. */
  @state() private stale = 0;
  /** The ids shown: all of them, or those the filter passed when it was last applied. */
  @state() private visible: string[] = [];
  @state() private findOpen = false;
  @state() private findResults: FindResult[] = [];
  /** The last replace-all, for its one undo: each segment's text before and after. */
  @state() private lastReplace: Array<{ id: string; before: string; after: string }> = [];
  private findQuery: { query: string; options: FindOptions } | null = null;
  private store: SegmentStore | null = null;
  private ids: string[] = [];
  private byNumber = new Map<number, string>();
  private rows = new Map<string, WbSegmentRow>();
  private live: { stop: () => void } | null = null;
  /** The article's event stream is subscribed (a drop clears it until the stream is back). */
  private liveReady = false;
  private countsTimer: ReturnType<typeof setTimeout> | undefined;
  private numbers = new Map<string, number>();
  private activeId: string | null = null;
  /** Memory matches are looked up on a row's first focus only, never for all rows at load. */
  private readonly tm = new TmCache((source) => lookupTm(source));
  private jobAbort: AbortController | null = null;
  /** The window of rendered rows, as indices into `visible` (end exclusive); the focused row is rendered as well. */
  @state() private range = { start: 0, end: 0 };
  /** Rows linked from the brief, highlighted for a few seconds. */
  @state() private linked = new Set<string>();
  /** Heights of rows as last laid out, for the spacers that stand for them when they are not rendered. */
  private readonly heights = new Map<string, number>();
  private heightSum = 0;
  private readonly sizer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver((entries) => this.measured(entries));
  private scrollPending = false;
  private linkTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    new LangController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeunload', this.onBeforeUnload);
    window.addEventListener('online', this.onOnline);
    document.addEventListener('keydown', this.onDocKey);
    window.addEventListener('scroll', this.onScroll, { passive: true });
    window.addEventListener('resize', this.onScroll, { passive: true });
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeunload', this.onBeforeUnload);
    window.removeEventListener('online', this.onOnline);
    document.removeEventListener('keydown', this.onDocKey);
    window.removeEventListener('scroll', this.onScroll);
    window.removeEventListener('resize', this.onScroll);
    this.sizer?.disconnect();
    this.jobAbort?.abort();
    this.live?.stop();
    clearTimeout(this.tmScoresTimer);
    this.live = null;
    clearTimeout(this.countsTimer);
    this.headObserver?.disconnect();
    this.headObserver = null;
    for (const id of this.ids) void this.store?.flush(id);
  }

  private headObserver: ResizeObserver | null = null;

  private readonly observedRows = new Set<Element>();

  /**
   * The column header sticks right under the editor header, whose height changes with wrapping and errors; rendered
   * rows are measured as they come and go.
   */
  protected override updated(): void {
    if (this.sizer) {
      for (const el of this.observedRows) {
        if (el.isConnected) continue;
        this.sizer.unobserve(el);
        this.observedRows.delete(el);
      }
      for (const el of this.renderRoot.querySelectorAll('wb-segment-row')) {
        if (this.observedRows.has(el)) continue;
        this.sizer.observe(el);
        this.observedRows.add(el);
      }
    }
    const top = this.renderRoot.querySelector<HTMLElement>('wb-editor-header');
    if (top && !this.headObserver) {
      this.headObserver = new ResizeObserver(() => this.style.setProperty('--wb-head', `${top.offsetHeight}px`));
      this.headObserver.observe(top);
    }
  }

  private readonly onBeforeUnload = (e: BeforeUnloadEvent) => {
    if (this.store?.hasUnsaved()) e.preventDefault();
  };

  /** The browser is back online: send the failed saves now rather than at their next retry. */
  private readonly onOnline = () => this.store?.retryAll();

  /** A saved assignment: keep the local segments (and drafts), take the new translator, reviewer and due date. */
  private assigned(saved: Article): void {
    if (this.article) this.article = { ...this.article, assignee: saved.assignee ?? null, reviewer: saved.reviewer ?? null, dueDate: saved.dueDate ?? null };
  }

  /** Load (or reload) the article; a reload keeps local drafts and merges server changes into the store. */
  async load(): Promise<void> {
    try {
      const article = await getArticle(this.articleId);
      performance.mark('wb-article-data');
      article.segments.sort((a, b) => a.index - b.index);
      if (this.store && this.article?.id === article.id) {
        for (const s of article.segments) this.store.applyServer(s);
        this.article = { ...article, segments: this.article.segments };
        return;
      }
      this.ids = article.segments.map((s) => s.id);
      this.numbers = new Map(article.segments.map((s) => [s.id, s.index + 1]));
      this.byNumber = new Map(article.segments.map((s) => [s.index + 1, s.id]));
      this.store = new SegmentStore(article.segments, {
        save: (id: string, patch: SegmentPatch) => this.save(id, patch),
        onChange: (id) => this.syncRow(id),
        onConflict: (c) => this.addConflict(c),
        onQaBlocked: (b) => (this.qaBlocked = [...this.qaBlocked, b]),
      });
      this.article = article;
      void this.refreshTmScores();
      this.loadError = '';
      this.visible = this.ids;
      this.range = { start: 0, end: Math.min(FIRST_ROWS, this.ids.length) };
      void this.markRendered();
      this.scheduleCounts();
      this.live?.stop();
      this.live = followArticle(article.id, {
        onSegment: (s) => this.store?.applyServer(s),
        onReconnect: () => void this.load(),
        onDrop: () => {
          this.liveReady = false;
          this.removeAttribute('data-live');
        },
        onReady: () => {
          this.liveReady = true;
          this.setAttribute('data-live', '');
        },
      });
      if (article.status === 'translating') void this.followRunningJob();
    } catch (err) {
      this.loadError = (err as Error).message;
    }
  }

  /**
   * Mark when the first rows are painted (`wb-editor-rendered`), then fill the window around the viewport (or the whole
   * list, when short) and mark `wb-editor-complete`. The benchmark measures both from `wb-article-data`.
   */
  private async markRendered(): Promise<void> {
    await this.rowsUpdated();
    requestAnimationFrame(() => setTimeout(() => {
      performance.mark('wb-editor-rendered');
      this.updateRange(true);
      void this.rowsUpdated().then(() => performance.mark('wb-editor-complete'));
    }));
  }

  private async rowsUpdated(): Promise<void> {
    await this.updateComplete;
    await Promise.all([...this.renderRoot.querySelectorAll('wb-segment-row')].map((r) => (r as WbSegmentRow).updateComplete));
  }

  /** Scrolling or resizing: move the window at the next frame, before that frame's style and layout. */
  private readonly onScroll = () => {
    if (this.scrollPending) return;
    this.scrollPending = true;
    requestAnimationFrame(() => {
      this.scrollPending = false;
      this.updateRange();
    });
  };

  private heightOf(id: string): number {
    return this.heights.get(id) ?? (this.heights.size ? this.heightSum / this.heights.size : ESTIMATE_PX);
  }

  /** Record the laid-out heights of rendered rows (what their spacer stands for once they scroll away). */
  private measured(entries: ResizeObserverEntry[]): void {
    for (const e of entries) {
      const id = (e.target as HTMLElement).dataset.id;
      const h = e.borderBoxSize?.[0]?.blockSize ?? (e.target as HTMLElement).offsetHeight;
      if (!id || !h) continue;
      this.heightSum += h - (this.heights.get(id) ?? 0);
      this.heights.set(id, h);
    }
  }

  /** The first index whose row reaches below `y` (pixels from the top of the list), by measured or estimated heights. */
  private indexAt(y: number): number {
    let top = 0;
    for (let i = 0; i < this.visible.length; i++) {
      top += this.heightOf(this.visible[i]!);
      if (top > y) return i;
    }
    return this.visible.length;
  }

  private offsetOf(index: number): number {
    let top = 0;
    for (let i = 0; i < index; i++) top += this.heightOf(this.visible[i]!);
    return top;
  }

  /**
   * Render the rows that cover the viewport plus the overscan. Without `force`, nothing changes while the viewport
   * stays more than SLACK_PX inside the rendered rows, so most scrolled frames do no work here at all. `around` is a
   * list position (pixels) to centre the window on instead of the current viewport, for a jump to a far row.
   */
  private updateRange(force = false, around?: number): void {
    const n = this.visible.length;
    if (n <= WINDOW_FROM) {
      if (this.range.start !== 0 || this.range.end !== n) this.range = { start: 0, end: n };
      return;
    }
    const list = this.renderRoot.querySelector<HTMLElement>('.rows');
    if (!list) return;
    const view = window.innerHeight;
    const top = around === undefined ? -list.getBoundingClientRect().top : around - view / 2;
    const { start, end } = this.range;
    if (!force && around === undefined) {
      const covered = (start === 0 || this.offsetOf(start) <= top - SLACK_PX) && (end >= n || this.offsetOf(end) >= top + view + SLACK_PX);
      if (covered && end <= n) return;
    }
    const from = this.indexAt(Math.max(0, top - OVERSCAN_PX));
    const to = Math.min(n, Math.max(from + 1, this.indexAt(top + view + OVERSCAN_PX) + 1));
    let next = { start: from, end: to };
    if (!force && around === undefined && from < end && to > start) {
      // Scrolling: grow towards the target a few rows a frame, but always render what is on screen now.
      const onScreen = { start: this.indexAt(Math.max(0, top)), end: Math.min(n, this.indexAt(top + view) + 1) };
      next = {
        start: Math.min(onScreen.start, from < start ? Math.max(from, start - ROWS_PER_FRAME) : from),
        end: Math.max(onScreen.end, to > end ? Math.min(to, end + ROWS_PER_FRAME) : to),
      };
      if (next.start !== from || next.end !== to) this.onScroll();
    }
    if (next.start !== start || next.end !== end) this.range = next;
  }

  /** Make sure a row is rendered (moving the window to it if it is far), and wait for it. */
  private async renderRow(id: string): Promise<void> {
    const at = this.visible.indexOf(id);
    if (at < 0 || (at >= this.range.start && at < this.range.end)) return;
    this.updateRange(true, this.offsetOf(at) + this.heightOf(id) / 2);
    await this.rowsUpdated();
  }

  /** Rows and spacers to render: the window, the focused row wherever it is, spacers for the gaps between. */
  private slots(): Slot[] {
    const n = this.visible.length;
    const start = Math.min(this.range.start, n);
    const end = Math.min(this.range.end, n);
    const at: number[] = [];
    const active = this.activeId ? this.visible.indexOf(this.activeId) : -1;
    if (active >= 0 && active < start) at.push(active);
    for (let i = start; i < end; i++) at.push(i);
    if (active >= end) at.push(active);
    const out: Slot[] = [];
    let next = 0;
    const gap = (upTo: number) => {
      if (upTo <= next) return;
      let height = 0;
      for (let i = next; i < upTo; i++) height += this.heightOf(this.visible[i]!);
      out.push({ key: `gap-${out.length}`, height });
    };
    for (const i of at) {
      gap(i);
      out.push({ key: this.visible[i]!, id: this.visible[i]!, pos: i + 1 });
      next = i + 1;
    }
    gap(n);
    return out;
  }

  /** Focus a row's edit box, clearing a filter that hides it and rendering it first if needed. */
  private async focusRow(id: string): Promise<void> {
    if (!this.visible.includes(id)) {
      this.applyFilter(NO_FILTER);
      await this.updateComplete;
    }
    await this.renderRow(id);
    const row = this.row(id);
    if (!row) return;
    row.focusEdit();
    // Rows around it laid out for the first time may change size: settle, then aim again.
    requestAnimationFrame(() => requestAnimationFrame(() => this.row(id)?.scrollIntoView({ block: 'center' })));
  }

  private row(id: string): WbSegmentRow | null {
    const cached = this.rows.get(id);
    if (cached?.isConnected) return cached;
    const found = this.renderRoot.querySelector<WbSegmentRow>(`wb-segment-row[data-id="${CSS.escape(id)}"]`);
    if (found) this.rows.set(id, found);
    else this.rows.delete(id);
    return found;
  }

  /**
   * Save through the API; an approval adds to the memory (so the memory scores are fetched again) and may fill the
   * article's identical segments, which the toast offers to undo.
   */
  private async save(id: string, patch: SegmentPatch) {
    const r = await patchSegment(id, patch);
    if (r.ok && patch.status === 'approved') {
      const filled = propagatedOf(r.segment);
      if (filled.length) this.propagated = filled;
      // One request after a run of approvals (Ctrl+Enter through a page), not one per approval: on a large memory
      // the scores cost the server a few hundred milliseconds (npm run bench -- tm).
      clearTimeout(this.tmScoresTimer);
      this.tmScoresTimer = setTimeout(() => void this.refreshTmScores(), 1500);
    }
    return r;
  }

  private tmScoresTimer: ReturnType<typeof setTimeout> | undefined;

  private async refreshTmScores(): Promise<void> {
    try {
      this.tmScores = await articleTmScores(this.articleId);
      this.scheduleCounts();
    } catch {
      // The filter then counts what it knew before (rows filled from memory, lookups done on focus).
    }
  }

  /** Header counts, filter counts and the unsaved banner, recomputed at most every 250 ms however many rows change. */
  private scheduleCounts(): void {
    if (this.countsTimer !== undefined) return;
    this.countsTimer = setTimeout(() => {
      this.countsTimer = undefined;
      this.pushCounts();
    }, 250);
  }

  private items(): FilterItem[] {
    const store = this.store!;
    return this.ids.map((id) => {
      const segment = store.segment(id);
      const tm = this.tm.peek(id);
      return { segment, target: store.text(id), memoryMatch: segment.origin === 'memory' || id in this.tmScores || (Array.isArray(tm) && tm.length > 0) };
    });
  }

  private filterCounts: FilterCounts | null = null;

  private pushCounts(): void {
    if (!this.store) return;
    const items = this.items();
    this.filterCounts = countFilters(items, this.filter.text, this.filter.where);
    this.stale = this.staleRows(items);
    const header = this.renderRoot.querySelector<WbEditorHeader>('wb-editor-header');
    if (header) header.counts = this.counts();
    const bar = this.renderRoot.querySelector<WbFilterBar>('wb-filter-bar');
    if (bar) bar.counts = this.filterCounts;
    const failing = this.store.failing();
    if (failing.join() !== this.failing.join()) this.failing = failing;
  }

  /**
   * How many shown rows the active filter would now hide. They are not removed by themselves: a translator who
   * approves a row in an "unapproved" view, or fixes the error in a "QA errors" view, expects it to stay where it is
   * (to check it, undo, or move on with Ctrl+Enter), not to vanish under the cursor and shift every row below. So,
   * as memoQ and Phrase do, the list offers "N rows no longer match – refresh" and re-applies the filter on a click.
   */
  private staleRows(items: FilterItem[]): number {
    if (this.visible.length === this.ids.length && this.filter === NO_FILTER) return 0;
    const ok = matcher(this.filter);
    const at = new Map(this.ids.map((id, i) => [id, i]));
    return this.visible.reduce((n, id) => n + (ok(items[at.get(id)!]!) ? 0 : 1), 0);
  }

  /** Apply a filter: the list shows what passes now (a row that stops passing later stays until the next filter). */
  private applyFilter(filter: SegmentFilter): void {
    this.filter = filter;
    const ok = matcher(filter);
    const items = this.items();
    this.visible = this.ids.filter((_, i) => ok(items[i]!));
    this.rows.clear();
    this.range = { start: 0, end: Math.min(this.visible.length, FIRST_ROWS) };
    this.pushCounts();
    void this.updateComplete.then(() => this.updateRange(true));
  }

  /** Push one segment's state to its row; the header counts update only when a status changed. */
  private syncRow(id: string): void {
    const store = this.store!;
    const row = this.row(id);
    const seg = store.segment(id);
    if (row) {
      const statusChanged = row.segment.status !== seg.status;
      row.segment = seg;
      row.text = store.text(id);
      row.saveState = store.state(id);
      row.saveError = store.lastError(id);
      row.needsAnnotation = store.state(id) === 'error' && store.lastErrorCode(id) === 'ERR_REVIEW_ANNOTATION_REQUIRED';
      row.canUndo = store.canUndo(id);
      if (statusChanged) this.scheduleCounts();
    }
    const st = store.state(id);
    if (st === 'error' || this.failing.includes(id)) this.scheduleCounts();
  }

  private addConflict(c: Conflict): void {
    this.conflicts = [...this.conflicts, c];
    if (this.conflicts.length === 1) void this.loadSaver(c);
  }

  /** Who saved the version that conflicted, and when (the segment history names them). */
  private async loadSaver(c: Conflict): Promise<void> {
    this.saver = null;
    const edits = await segmentHistory(c.id);
    if (this.conflicts[0] === c) this.saver = edits.find((e) => e.version === c.theirs.version) ?? null;
  }

  private onRowEvent(e: CustomEvent<Detail>): void {
    const store = this.store!;
    const { id } = e.detail;
    switch (e.type) {
      case 'wb-edit': store.edit(id, e.detail.text ?? ''); break;
      case 'wb-undo': store.undo(id); break;
      case 'wb-copy-mt': store.replace(id, store.segment(id).machineTranslation ?? ''); break;
      case 'wb-approve': void this.signOff(id); this.tm.clear(); this.scheduleCounts(); break;
      case 'wb-annotate': void store.annotate(id, e.detail.annotations ?? []); break;
      case 'wb-retry': void this.runTranslation('missing'); break;
      case 'wb-use-tm': store.replace(id, e.detail.text ?? ''); break;
      case 'wb-row-focus': this.focusMatches(id); break;
    }
  }

  /** Show the memory matches of the focused row (fetched once per segment) and hide the previous row's. */
  private focusMatches(id: string): void {
    const previous = this.activeId;
    this.activeId = id;
    if (previous === id) return;
    const old = previous && this.row(previous);
    if (old) old.tm = null;
    const row = this.row(id);
    if (!row) return;
    row.tm = this.tm.peek(id) ?? 'loading';
    if (row.tm !== 'loading') return;
    const show = (m: WbSegmentRow['tm']) => {
      const r = this.activeId === id ? this.row(id) : null;
      if (r) r.tm = m;
    };
    this.tm.get(id, this.store!.segment(id).source).then(show, () => show(null));
  }

  private onKey(e: KeyboardEvent): void {
    const target = e.composedPath()[0] as HTMLElement;
    const inText = target?.tagName === 'TEXTAREA' || target?.tagName === 'INPUT' || target?.isContentEditable;
    const action = shortcutFor(e, Boolean(inText));
    if (!action || !this.store) return;
    if (action === 'help') {
      e.preventDefault();
      this.helpOpen = true;
      return;
    }
    const store = this.store;
    const id = this.activeId;
    e.preventDefault();
    if (action === 'goto') {
      this.renderRoot.querySelector<WbFilterBar>('wb-filter-bar')?.focusGoto();
      return;
    }
    if (action === 'prev' || action === 'next') {
      const to = neighbour(this.visible, id, action === 'prev' ? -1 : 1);
      if (to) void this.focusRow(to);
      return;
    }
    if (action === 'prev-qa' || action === 'next-qa' || action === 'prev-open' || action === 'next-open') {
      this.navigate(action);
      return;
    }
    if (!id) return;
    if (action === 'approve') {
      void this.signOff(id);
      this.tm.clear();
      this.scheduleCounts();
      const done = can('reviewer') ? ['approved'] : ['confirmed', 'approved'];
      const next = nextUnapproved(this.visible, (x) => done.includes(store.segment(x).status), id);
      if (next) void this.focusRow(next);
    } else if (action === 'copy-mt') {
      store.replace(id, store.segment(id).machineTranslation ?? '');
    } else if (action === 'toggle-diff') {
      const row = this.row(id);
      if (row) row.showDiff = !row.showDiff;
    }
  }

  /** A reviewer approves; a translator confirms (the reviewer approves later). */
  private signOff(id: string): Promise<boolean> {
    return can('reviewer') ? this.store!.approve(id) : this.store!.confirm(id);
  }

  /** `?` anywhere on the page outside a text field opens the help. */
  private readonly onDocKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || this.helpOpen) return;
    const target = e.composedPath()[0] as HTMLElement;
    const inText = target?.tagName === 'TEXTAREA' || target?.tagName === 'INPUT' || target?.tagName === 'SELECT';
    const action = shortcutFor(e, inText);
    if (action === 'help') {
      e.preventDefault();
      this.helpOpen = true;
    } else if (action === 'goto' || action === 'prev-qa' || action === 'next-qa' || action === 'prev-open' || action === 'next-open') {
      // Outside the rows (filter bar, page body) the navigation keys work too.
      e.preventDefault();
      if (action === 'goto') this.renderRoot.querySelector<WbFilterBar>('wb-filter-bar')?.focusGoto();
      else this.navigate(action);
    }
  };

  /** Next/previous segment with a QA issue, or not yet approved, among those shown. */
  private navigate(action: Extract<Action, 'prev-qa' | 'next-qa' | 'prev-open' | 'next-open'>): void {
    const store = this.store;
    if (!store) return;
    const step = action.startsWith('prev') ? -1 : 1;
    const ok = action.endsWith('qa')
      ? (x: string) => store.segment(x).qa.length > 0
      : (x: string) => stateOf(store.segment(x).status) !== 'confirmed';
    const to = nextWhere(this.visible, this.activeId, step, ok);
    if (to) void this.focusRow(to);
  }

  private goto(n: number): void {
    const id = this.byNumber.get(n);
    if (id) void this.focusRow(id);
    else this.jobError = t('gotoMissing', { n });
  }

  /** Hits of the find box in the English column of every segment (not only those the filter shows). */
  private find(query: string, options: FindOptions): void {
    this.findQuery = query ? { query, options } : null;
    if (!query || !this.store) {
      this.findResults = [];
      return;
    }
    const store = this.store;
    this.findResults = this.ids.flatMap((id) => {
      const text = store.text(id);
      const hits = findHits(text, query, options);
      return hits.length ? [{ id, n: this.numbers.get(id) ?? 0, text, hits }] : [];
    });
  }

  /** Replace every hit; each segment saves through the normal autosave (versions, conflicts); one undo for all. */
  private replaceAll(query: string, replacement: string, options: FindOptions): void {
    const store = this.store;
    if (!store || !query) return;
    const changed: Array<{ id: string; before: string; after: string }> = [];
    for (const r of this.findResults) {
      const before = store.text(r.id);
      const after = replaceHits(before, query, replacement, options);
      if (after === before) continue;
      store.replace(r.id, after);
      changed.push({ id: r.id, before, after });
    }
    this.lastReplace = changed;
    this.find(query, options);
  }

  /** Put back the texts the last replace-all changed (a segment edited since keeps its newer text). */
  private undoReplace(): void {
    const store = this.store;
    if (!store) return;
    for (const c of this.lastReplace) if (store.text(c.id) === c.after) store.replace(c.id, c.before);
    this.lastReplace = [];
    if (this.findQuery) this.find(this.findQuery.query, this.findQuery.options);
  }

  /**
   * A streamed segment result: show it in its row at once. The whole segment (with its new version and QA) comes on
   * the article's live events, so nothing is reloaded while the job runs.
   */
  private onSegmentResult(u: SegmentUpdate): void {
    // With the article's events live, the same change arrives there whole: updating the row twice is wasted work.
    if (this.liveReady && !u.segment) return;
    if (u.segment) {
      this.store?.applyServer(u.segment);
      return;
    }
    this.store?.showResult(u.id, { machineTranslation: u.translation ?? this.store.segment(u.id).machineTranslation, status: u.status, error: u.error });
  }

  /** After a reload during a translation, follow the job that is still running. */
  private async followRunningJob(): Promise<void> {
    const running = (await listJobs(this.articleId)).find((j) => j.kind === 'translate' && (j.status === 'running' || j.status === 'queued'));
    if (running) await this.runTranslation({ follow: running.id });
  }

  /** Translate the article (`missing`: only untranslated and failed segments), following progress over SSE. */
  async runTranslation(scope: 'all' | 'missing' | { follow: string } = 'all'): Promise<void> {
    if (this.job) return;
    this.jobError = '';
    this.jobAbort = new AbortController();
    try {
      const status = await translateAndWatch(this.articleId, scope, {
        started: (id) => (this.job = { id, progress: { done: 0, total: 0, failed: 0 } }),
        progress: (p) => this.job && (this.job = { id: this.job.id, progress: p }),
        segment: (u) => this.onSegmentResult(u),
        error: (m) => (this.jobError = m),
      }, this.jobAbort.signal);
      if (status === 'cancelled') this.jobError = t('jobCancelled');
    } catch (err) {
      if ((err as Error).name !== 'AbortError') this.jobError = (err as Error).message;
    } finally {
      const ran = this.job !== null;
      this.job = null;
      this.jobAbort = null;
      if (ran) await this.load();
    }
  }

  private async cancel(): Promise<void> {
    if (!this.job) return;
    try {
      await cancelJob(this.job.id);
    } catch (err) {
      this.jobError = (err as Error).message;
    }
  }

  private async gotoSegments(ids: string[]): Promise<void> {
    const known = ids.filter((id) => this.numbers.has(id));
    if (known.some((id) => !this.visible.includes(id))) this.applyFilter(NO_FILTER);
    clearTimeout(this.linkTimer);
    this.linked = new Set(known);
    if (known[0]) await this.focusRow(known[0]);
    this.linkTimer = setTimeout(() => (this.linked = new Set()), 4000);
  }

  private resolveConflict(e: CustomEvent<{ id: string; choice: string; text: string; theirs: Segment }>): void {
    const { choice, text, theirs } = e.detail;
    this.conflicts = this.conflicts.slice(1);
    if (choice === 'theirs') this.store!.acceptTheirs(theirs);
    else void this.store!.resolveWith(theirs, text);
    if (this.conflicts[0]) void this.loadSaver(this.conflicts[0]);
  }

  private onQaDecision(e: CustomEvent<{ id: string; reason?: string }>): void {
    const { id, reason } = e.detail;
    this.qaBlocked = this.qaBlocked.filter((b) => b.id !== id);
    if (e.type === 'wb-qa-override' && reason) void this.store!.overrideQa(id, reason).then(() => this.scheduleCounts());
    else void this.store!.dropQaChange(id);
  }

  private renderBanner() {
    if (!this.failing.length || !this.store) return nothing;
    const list = this.failing.map((id) => this.numbers.get(id)).sort((a, b) => (a ?? 0) - (b ?? 0)).join(', ');
    const message = this.store.lastError(this.failing[0]!) ?? '';
    return html`<div class="unsaved" slot="banner" role="alert">${t('unsavedBanner', { count: this.failing.length, list, message })}
      <button class="btn small" @click=${() => this.store?.retryAll()}>${t('unsavedRetryNow')}</button></div>`;
  }

  private counts(): HeaderCounts {
    const c: HeaderCounts = { total: this.ids.length, approved: 0, failed: 0, untranslated: 0 };
    for (const id of this.ids) {
      const st = this.store!.segment(id).status;
      if (st === 'approved') c.approved++;
      else if (st === 'failed') c.failed++;
      else if (st === 'new') c.untranslated++;
    }
    return c;
  }

  protected override render() {
    if (this.loadError) return html`<div class="state"><p class="error" role="alert">${t('errorPrefix', { message: this.loadError })}</p>
      <button class="btn" @click=${this.load}>${t('retry')}</button></div>`;
    const a = this.article;
    const store = this.store;
    if (!a || !store) return html`<p class="state muted" role="status">${t('loading')}</p>`;
    const conflict = this.conflicts[0] ?? null;
    const blocked = this.qaBlocked[0] ?? null;
    return html`<wb-editor-header .articleId=${a.id} .heading=${a.title} .counts=${this.counts()} .progress=${this.job?.progress ?? null}
        .briefOpen=${this.briefOpen} .error=${this.jobError} .assignment=${a}
        @wb-assigned=${(e: CustomEvent<{ article: Article }>) => this.assigned(e.detail.article)}
        @wb-translate=${(e: CustomEvent<{ scope: 'all' | 'missing' }>) => this.runTranslation(e.detail.scope)}
        @wb-goto-segment=${(e: CustomEvent<{ id: string }>) => this.focusRow(e.detail.id)}
        @wb-cancel=${this.cancel} @wb-toggle-brief=${() => (this.briefOpen = !this.briefOpen)} @wb-help=${() => (this.helpOpen = true)}
>${this.renderBanner()}</wb-editor-header>
      <div class="body ${this.briefOpen ? 'with-brief' : ''}">
        <main>
          <wb-filter-bar .counts=${this.filterCounts} .filter=${this.filter} .shown=${this.visible.length} .findOpen=${this.findOpen}
            @wb-filter=${(e: CustomEvent<{ filter: SegmentFilter }>) => this.applyFilter(e.detail.filter)}
            @wb-goto=${(e: CustomEvent<{ n: number }>) => this.goto(e.detail.n)}
            @wb-nav=${(e: CustomEvent<{ action: Extract<Action, 'prev-qa' | 'next-qa' | 'prev-open' | 'next-open'> }>) => this.navigate(e.detail.action)}
            @wb-toggle-find=${() => (this.findOpen = !this.findOpen)}></wb-filter-bar>
          ${this.findOpen
            ? html`<wb-find-replace .results=${this.findResults} .undoCount=${this.lastReplace.length}
                @wb-find=${(e: CustomEvent<{ query: string; options: FindOptions }>) => this.find(e.detail.query, e.detail.options)}
                @wb-replace-all=${(e: CustomEvent<{ query: string; replacement: string; options: FindOptions }>) => this.replaceAll(e.detail.query, e.detail.replacement, e.detail.options)}
                @wb-undo-replace=${this.undoReplace}
                @wb-goto-segment=${(e: CustomEvent<{ id: string }>) => this.focusRow(e.detail.id)}></wb-find-replace>`
            : nothing}
          <div class="cols" aria-hidden="true"><span>#</span><span>${t('colSource')}</span><span>${t('colMt')}</span><span>${t('colEdit')}</span></div>
          ${this.ids.length === 0 ? html`<p class="state muted">${t('editorEmpty')}</p>` : nothing}
          ${this.ids.length > 0 && this.visible.length === 0 ? html`<p class="state muted">${t('filterNoMatch')}</p>` : nothing}
          ${this.stale ? html`<button class="btn small stale-hint" data-action="refilter" @click=${() => this.applyFilter(this.filter)}>${t('filterStale', { count: this.stale })}</button>` : nothing}
          <div class="rows" role="list" aria-label=${t('rowsLabel')} @keydown=${this.onKey} @wb-edit=${this.onRowEvent} @wb-undo=${this.onRowEvent} @wb-copy-mt=${this.onRowEvent}
            @wb-approve=${this.onRowEvent} @wb-annotate=${this.onRowEvent} @wb-retry=${this.onRowEvent} @wb-row-focus=${this.onRowEvent} @wb-use-tm=${this.onRowEvent}>
            ${repeat(this.slots(), (slot) => slot.key, (slot) => ('id' in slot
              ? html`<wb-segment-row role="listitem" aria-posinset=${slot.pos} aria-setsize=${this.visible.length} ?linked=${this.linked.has(slot.id)}
                  .segment=${store.segment(slot.id)} .text=${store.text(slot.id)} .saveState=${store.state(slot.id)} .saveError=${store.lastError(slot.id)}
                  .canUndo=${store.canUndo(slot.id)}></wb-segment-row>`
              : html`<div class="gap" aria-hidden="true" ${cssProps({ height: `${slot.height}px` })}></div>`))}
          </div>
        </main>
        ${this.briefOpen
          ? html`<aside aria-label=${t('briefHeading')}>
              <button class="btn small close-brief" @click=${() => (this.briefOpen = false)}>${t('briefClose')}</button>
              <wb-brief-panel .articleId=${a.id} .segmentNumbers=${this.numbers}
              @wb-goto-segments=${(e: CustomEvent<{ ids: string[] }>) => this.gotoSegments(e.detail.ids)}></wb-brief-panel></aside>`
          : nothing}
      </div>
      <wb-conflict-dialog .conflict=${conflict} .saver=${this.saver} .segmentNumber=${conflict ? (this.numbers.get(conflict.id) ?? 0) : 0}
        @wb-resolve=${this.resolveConflict}></wb-conflict-dialog>
      <wb-qa-gate-dialog .blocked=${blocked} .segmentNumber=${blocked ? (this.numbers.get(blocked.id) ?? 0) : 0}
        @wb-qa-override=${this.onQaDecision} @wb-qa-cancel=${this.onQaDecision}></wb-qa-gate-dialog>
      <wb-help-overlay .open=${this.helpOpen} @wb-close=${() => (this.helpOpen = false)}></wb-help-overlay>
      <wb-propagation-toast .items=${this.propagated} @wb-propagation-done=${() => (this.propagated = [])}></wb-propagation-toast>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-editor-view': WbEditorView;
  }
}
