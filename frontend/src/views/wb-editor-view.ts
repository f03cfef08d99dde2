/**
 * The editor at /articles/:id: a header with translate/progress/brief/export, then one <wb-segment-row> per segment.
 * Rows are rendered once; later changes go straight to the affected row so typing never re-renders the list.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { getArticle, type Article, type Segment } from '../api/articles.ts';
import { cancelJob, listJobs, translateAndWatch, type JobProgress, type SegmentUpdate } from '../api/jobs.ts';
import { patchSegment } from '../api/segments.ts';
import { lookupTm } from '../api/tm.ts';
import '../components/wb-brief-panel.ts';
import '../components/wb-conflict-dialog.ts';
import '../components/wb-editor-header.ts';
import type { HeaderCounts } from '../components/wb-editor-header.ts';
import '../components/wb-help-overlay.ts';
import type { WbSegmentRow } from '../components/wb-segment-row.ts';
import '../components/wb-segment-row.ts';
import { t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';
import { can } from '../lib/session.ts';
import { SegmentStore, type Conflict } from '../lib/segment-store.ts';
import { neighbour, nextUnapproved, shortcutFor } from '../lib/shortcuts.ts';
import { TmCache } from '../lib/tm-cache.ts';
import { editorStyles } from './wb-editor-view.styles.ts';

type Detail = { id: string; text?: string; annotations?: Parameters<SegmentStore['annotate']>[1] };

/** Rows in the first paint (more than a 1280x800 screen holds) and rows added per later task. */
const FIRST_ROWS = 8;
const CHUNK_ROWS = 24;

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
  private store: SegmentStore | null = null;
  private ids: string[] = [];
  private numbers = new Map<string, number>();
  private activeId: string | null = null;
  /** Memory matches are looked up on a row's first focus only, never for all rows at load. */
  private readonly tm = new TmCache((source) => lookupTm(source));
  private jobAbort: AbortController | null = null;
  /** Rows rendered so far: the first screenful at once, the rest in small chunks so input stays responsive. */
  @state() private renderCount = 0;
  private fillTimer: ReturnType<typeof setTimeout> | undefined;
  private linkTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    new LangController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeunload', this.onBeforeUnload);
    document.addEventListener('keydown', this.onDocKey);
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeunload', this.onBeforeUnload);
    document.removeEventListener('keydown', this.onDocKey);
    this.jobAbort?.abort();
    clearTimeout(this.fillTimer);
    this.headObserver?.disconnect();
    this.headObserver = null;
    for (const id of this.ids) void this.store?.flush(id);
  }

  private headObserver: ResizeObserver | null = null;

  /** The column header sticks right under the editor header, whose height changes with wrapping and errors. */
  protected override updated(): void {
    const top = this.renderRoot.querySelector<HTMLElement>('wb-editor-header');
    if (top && !this.headObserver) {
      this.headObserver = new ResizeObserver(() => this.style.setProperty('--wb-head', `${top.offsetHeight}px`));
      this.headObserver.observe(top);
    }
  }

  private readonly onBeforeUnload = (e: BeforeUnloadEvent) => {
    if (this.store?.hasUnsaved()) e.preventDefault();
  };

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
      this.store = new SegmentStore(article.segments, {
        save: patchSegment,
        onChange: (id) => this.syncRow(id),
        onConflict: (c) => (this.conflicts = [...this.conflicts, c]),
      });
      this.article = article;
      this.loadError = '';
      this.renderCount = Math.min(FIRST_ROWS, this.ids.length);
      void this.markRendered();
      if (article.status === 'translating') void this.followRunningJob();
    } catch (err) {
      this.loadError = (err as Error).message;
    }
  }

  /**
   * Mark when the first rows are painted (`wb-editor-rendered`), then add the others chunk by chunk and mark
   * `wb-editor-complete`. The benchmark measures both from `wb-article-data`.
   */
  private async markRendered(): Promise<void> {
    await this.rowsUpdated();
    requestAnimationFrame(() => setTimeout(() => {
      performance.mark('wb-editor-rendered');
      this.fillRows();
    }));
  }

  private async rowsUpdated(): Promise<void> {
    await this.updateComplete;
    await Promise.all([...this.renderRoot.querySelectorAll('wb-segment-row')].map((r) => (r as WbSegmentRow).updateComplete));
  }

  private fillRows(): void {
    clearTimeout(this.fillTimer);
    if (this.renderCount >= this.ids.length) {
      performance.mark('wb-editor-complete');
      return;
    }
    this.renderCount = Math.min(this.ids.length, this.renderCount + CHUNK_ROWS);
    void this.rowsUpdated().then(() => (this.fillTimer = setTimeout(() => this.fillRows(), 0)));
  }

  /** Render every row now (before jumping to a segment that may not be rendered yet). */
  private async renderAllRows(): Promise<void> {
    if (this.renderCount >= this.ids.length) return;
    this.renderCount = this.ids.length;
    await this.rowsUpdated();
  }

  /** Focus a row's edit box, rendering the remaining rows first if needed. */
  private async focusRow(id: string): Promise<void> {
    if (!this.row(id)) await this.renderAllRows();
    this.row(id)?.focusEdit();
  }

  private row(id: string): WbSegmentRow | null {
    return this.renderRoot.querySelector<WbSegmentRow>(`wb-segment-row[data-id="${CSS.escape(id)}"]`);
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
      if (statusChanged) this.requestUpdate();
    }
  }

  private onRowEvent(e: CustomEvent<Detail>): void {
    const store = this.store!;
    const { id } = e.detail;
    switch (e.type) {
      case 'wb-edit': store.edit(id, e.detail.text ?? ''); break;
      case 'wb-undo': store.undo(id); break;
      case 'wb-copy-mt': store.replace(id, store.segment(id).machineTranslation ?? ''); break;
      case 'wb-approve': void this.signOff(id); this.tm.clear(); break;
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
    if (action === 'prev' || action === 'next') {
      const to = neighbour(this.ids, id, action === 'prev' ? -1 : 1);
      if (to) void this.focusRow(to);
      return;
    }
    if (!id) return;
    if (action === 'approve') {
      void this.signOff(id);
      this.tm.clear();
      const done = can('reviewer') ? ['approved'] : ['confirmed', 'approved'];
      const next = nextUnapproved(this.ids, (x) => done.includes(store.segment(x).status), id);
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
    if (shortcutFor(e, inText) === 'help') {
      e.preventDefault();
      this.helpOpen = true;
    }
  };

  /** A streamed segment result: show it at once, and reload the full segments (versions) at most once a second. */
  private onSegmentResult(u: SegmentUpdate): void {
    if (u.segment) {
      this.store?.applyServer(u.segment);
      return;
    }
    this.store?.showResult(u.id, { machineTranslation: u.translation ?? this.store.segment(u.id).machineTranslation, status: u.status, error: u.error });
    if (this.reloadTimer === undefined) {
      this.reloadTimer = setTimeout(() => {
        this.reloadTimer = undefined;
        void this.load();
      }, 1000);
    }
  }

  private reloadTimer: ReturnType<typeof setTimeout> | undefined;

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
      clearTimeout(this.reloadTimer);
      this.reloadTimer = undefined;
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
    await this.renderAllRows();
    const known = ids.filter((id) => this.numbers.has(id));
    for (const r of this.renderRoot.querySelectorAll('wb-segment-row[linked]')) (r as WbSegmentRow).linked = false;
    clearTimeout(this.linkTimer);
    known.forEach((id) => {
      const row = this.row(id);
      if (row) row.linked = true;
    });
    const first = known[0] && this.row(known[0]);
    if (first) first.focusEdit();
    this.linkTimer = setTimeout(() => known.forEach((id) => this.row(id) && (this.row(id)!.linked = false)), 4000);
  }

  private resolveConflict(e: CustomEvent<{ id: string; choice: string; text: string; theirs: Segment }>): void {
    const { choice, text, theirs } = e.detail;
    this.conflicts = this.conflicts.slice(1);
    if (choice === 'theirs') this.store!.acceptTheirs(theirs);
    else void this.store!.resolveWith(theirs, text);
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
    return html`<wb-editor-header .articleId=${a.id} .heading=${a.title} .counts=${this.counts()} .progress=${this.job?.progress ?? null}
        .briefOpen=${this.briefOpen} .error=${this.jobError}
        @wb-translate=${(e: CustomEvent<{ scope: 'all' | 'missing' }>) => this.runTranslation(e.detail.scope)}
        @wb-cancel=${this.cancel} @wb-toggle-brief=${() => (this.briefOpen = !this.briefOpen)} @wb-help=${() => (this.helpOpen = true)}></wb-editor-header>
      <div class="body ${this.briefOpen ? 'with-brief' : ''}">
        <main>
          <div class="cols" aria-hidden="true"><span>#</span><span>${t('colSource')}</span><span>${t('colMt')}</span><span>${t('colEdit')}</span></div>
          ${this.ids.length === 0 ? html`<p class="state muted">${t('editorEmpty')}</p>` : nothing}
          <div class="rows" @keydown=${this.onKey} @wb-edit=${this.onRowEvent} @wb-undo=${this.onRowEvent} @wb-copy-mt=${this.onRowEvent}
            @wb-approve=${this.onRowEvent} @wb-annotate=${this.onRowEvent} @wb-retry=${this.onRowEvent} @wb-row-focus=${this.onRowEvent} @wb-use-tm=${this.onRowEvent}>
            ${repeat(this.ids.slice(0, this.renderCount), (id) => id, (id) => html`<wb-segment-row .segment=${store.segment(id)} .text=${store.text(id)}
              .saveState=${store.state(id)} .canUndo=${store.canUndo(id)}></wb-segment-row>`)}
          </div>
        </main>
        ${this.briefOpen
          ? html`<aside aria-label=${t('briefHeading')}><wb-brief-panel .articleId=${a.id} .segmentNumbers=${this.numbers}
              @wb-goto-segments=${(e: CustomEvent<{ ids: string[] }>) => this.gotoSegments(e.detail.ids)}></wb-brief-panel></aside>`
          : nothing}
      </div>
      <wb-conflict-dialog .conflict=${conflict} .segmentNumber=${conflict ? (this.numbers.get(conflict.id) ?? 0) : 0}
        @wb-resolve=${this.resolveConflict}></wb-conflict-dialog>
      <wb-help-overlay .open=${this.helpOpen} @wb-close=${() => (this.helpOpen = false)}></wb-help-overlay>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-editor-view': WbEditorView;
  }
}
