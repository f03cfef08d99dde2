/**
 * The termbase: CRUD, CSV/TBX import and export, and the match index the translation chain and QA use. The index is
 * rebuilt only after a change, so matching a segment costs no database read.
 */
import type { Deps } from '../deps.ts';
import { Errors } from '../errors.ts';
import { buildTbx } from '../interchange/tbx.ts';
import { readInThisThread, type InterchangeReader } from '../interchange/read.ts';
import type { CreateTermBody, ImportResult, PatchTermBody } from '../schemas/terminology.ts';
import { inSlices } from '../storage/batches.ts';
import { termsRepository } from '../storage/kysely/terms-repository.ts';
import type { NewTermRow, TermRow, TermsRepository, TermUpdate } from '../storage/terminology-types.ts';
import { matchKey } from '../text/normalise.ts';
import { buildTermIndex, termId, termsInText, termsToCsv, type TermEntry, type TermIndex } from '../text/terms.ts';

export interface TerminologyService {
  list(): Promise<TermEntry[]>;
  get(id: string): Promise<TermEntry>;
  create(body: CreateTermBody): Promise<TermEntry>;
  update(id: string, patch: PatchTermBody): Promise<TermEntry>;
  remove(id: string): Promise<void>;
  /**
   * Add or update entries from a CSV or TBX file (told apart by content), by the identity rule (`sameEntry`); a field
   * the file leaves empty keeps its stored value. With `dryRun` nothing is saved and the report says what would change.
   * The file is read by `read` (the routes pass the intake pool's worker threads); entries are matched and written
   * in slices with the event loop let go between them.
   */
  importFile(input: string | Uint8Array, options?: { dryRun?: boolean; read?: InterchangeReader }): Promise<ImportResult>;
  exportFile(format: 'csv' | 'tbx'): Promise<string>;
  /** The match index over the current termbase. */
  index(): Promise<TermIndex>;
  /** Drop the cached index: the termbase was changed by another process. */
  forget(): void;
  /** The entries occurring in a segment: what its translation prompt should carry. */
  termsFor(source: string, date?: string): Promise<TermEntry[]>;
}

function toEntry(r: TermRow): TermEntry {
  const e: TermEntry = { id: r.id, vi: r.vi, en: r.en, forbidden: JSON.parse(r.forbidden_json) as string[], caseSensitive: r.case_sensitive === 1 };
  if (r.abbr) e.abbr = r.abbr;
  if (r.note) e.note = r.note;
  if (r.valid_from) e.validFrom = r.valid_from;
  if (r.valid_to) e.validTo = r.valid_to;
  if (r.domain) e.domain = r.domain;
  return e;
}

function toRow(e: TermEntry, now: string): NewTermRow {
  return {
    id: e.id, vi: e.vi, vi_key: matchKey(e.vi), en: e.en, abbr: e.abbr ?? null, note: e.note ?? null,
    forbidden_json: JSON.stringify(e.forbidden), case_sensitive: e.caseSensitive ? 1 : 0,
    valid_from: e.validFrom ?? null, valid_to: e.validTo ?? null, domain: e.domain ?? null, created_at: now, updated_at: now,
  };
}

/** The identity of an entry's terms: Vietnamese by match key (NFC, case, tone placement), English case-insensitive. */
export const termsKey = (vi: string, en: string) => `${matchKey(vi)}\u0000${en.normalize('NFC').trim().toLowerCase()}`;

const FIELDS = ['vi', 'en', 'abbr', 'note', 'forbidden', 'caseSensitive', 'validFrom', 'validTo', 'domain'] as const;

const clean = (s: string | null | undefined) => (s === null || s === undefined ? s : s.normalize('NFC').trim());

/** The service over a repository (tests may pass their own); `onChange` hears of every change it makes. */
export function terminologyService(repo: TermsRepository, onChange: () => void = () => {}): TerminologyService {
  let cached: Promise<TermIndex> | null = null;
  const changed = () => {
    cached = null;
    onChange();
  };
  const svc: TerminologyService = {
    list: async () => (await repo.list()).map(toEntry),
    async get(id) {
      const row = await repo.get(id);
      if (!row) throw new Errors.NotFound(`Term ${id} does not exist`);
      return toEntry(row);
    },
    async create(body) {
      const vi = clean(body.vi)!;
      const en = clean(body.en)!;
      const id = termId(vi, en);
      const twin = (await repo.list()).find((r) => r.id === id || termsKey(r.vi, r.en) === termsKey(vi, en));
      if (twin) throw new Errors.Conflict(`The termbase already has "${vi}" = "${en}" (${twin.id})`);
      const entry: TermEntry = { id, vi, en, forbidden: body.forbidden.map((f) => clean(f)!), caseSensitive: body.caseSensitive };
      for (const k of ['abbr', 'note', 'validFrom', 'validTo', 'domain'] as const) if (body[k]) entry[k] = clean(body[k])!;
      await repo.upsert([toRow(entry, new Date().toISOString())]);
      changed();
      return entry;
    },
    async update(id, patch) {
      if (patch.vi !== undefined || patch.en !== undefined) {
        const rows = await repo.list();
        const current = rows.find((r) => r.id === id);
        const key = current && termsKey(patch.vi ?? current.vi, patch.en ?? current.en);
        const twin = key && rows.find((r) => r.id !== id && termsKey(r.vi, r.en) === key);
        // One identity for an entry (sameEntry): an edit may not make it another entry's twin.
        if (twin) throw new Errors.Conflict(`The termbase already has "${twin.vi}" = "${twin.en}" (${twin.id})`);
      }
      const set: TermUpdate = { updated_at: new Date().toISOString() };
      if (patch.vi !== undefined) Object.assign(set, { vi: patch.vi.normalize('NFC').trim(), vi_key: matchKey(patch.vi) });
      if (patch.en !== undefined) set.en = patch.en.normalize('NFC').trim();
      if (patch.abbr !== undefined) set.abbr = clean(patch.abbr) || null;
      if (patch.note !== undefined) set.note = clean(patch.note) || null;
      if (patch.forbidden !== undefined) set.forbidden_json = JSON.stringify(patch.forbidden.map((f) => clean(f)));
      if (patch.caseSensitive !== undefined) set.case_sensitive = patch.caseSensitive ? 1 : 0;
      if (patch.validFrom !== undefined) set.valid_from = patch.validFrom;
      if (patch.validTo !== undefined) set.valid_to = patch.validTo;
      if (patch.domain !== undefined) set.domain = clean(patch.domain) || null;
      const row = await repo.update(id, set);
      if (!row) throw new Errors.NotFound(`Term ${id} does not exist`);
      changed();
      return toEntry(row);
    },
    async remove(id) {
      if (!(await repo.delete(id))) throw new Errors.NotFound(`Term ${id} does not exist`);
      changed();
    },
    async importFile(input, options = {}) {
      const { format, terms, skipped, delimiter } = await (options.read ?? readInThisThread)('terms', input);
      const what = format.toUpperCase();
      if (terms.length === 0) {
        const why = skipped.slice(0, 3).map((k) => `${k.line ? `line ${k.line}` : `entry ${k.index}`}: ${k.reason}`).join('; ');
        throw new Errors.MalformedInput(`No term found in the ${what} file${why ? ` (${why})` : ''}: a CSV needs the columns vi,en (and optionally abbr,note,forbidden,...), separated by commas, semicolons or tabs; a TBX needs vi and en langSets`);
      }
      // One identity rule for CSV, TBX and the API (sameEntry): the id the file names when it is stored, else the
      // stored entry with the same Vietnamese and English terms, else a new entry with termId(vi, en).
      const rows = await repo.list();
      const byId = new Map<string, TermEntry>();
      const byTerms = new Map<string, string>();
      // A termbase of tens of thousands of entries takes a while to key: in slices too.
      await inSlices(rows.length, (from, more) => {
        let i = from;
        do {
          const r = rows[i++]!;
          byId.set(r.id, toEntry(r));
          byTerms.set(termsKey(r.vi, r.en), r.id);
        } while (i < rows.length && more());
        return i;
      });
      const now = new Date().toISOString();
      const changes = new Map<string, TermEntry>();
      const overwritten: NonNullable<ImportResult['overwritten']> = [];
      let created = 0;
      let unchanged = 0;
      // In file order (a later line sees what an earlier one changed), a slice at a time so the loop is let go.
      await inSlices(terms.length, (from, more) => {
        let i = from;
        do {
          const { entry, given, idFromFile } = terms[i++]!;
          const id = (idFromFile && byId.has(entry.id) ? entry.id : undefined) ?? byTerms.get(termsKey(entry.vi, entry.en));
          const stored = id ? (changes.get(id) ?? byId.get(id)) : undefined;
          if (!stored) {
            // termId is a 32-bit hash: in a file of 20,000 entries two different ones share an id about once in
            // twenty files, and the second silently replaced the first. A taken id gets the next free suffix.
            let freshId = termId(entry.vi, entry.en);
            for (let n = 2; byId.has(freshId); n++) freshId = `${termId(entry.vi, entry.en)}-${n}`;
            const fresh = { ...entry, id: freshId };
            changes.set(fresh.id, fresh);
            byId.set(fresh.id, fresh);
            byTerms.set(termsKey(fresh.vi, fresh.en), fresh.id);
            created++;
            continue;
          }
          const next: TermEntry = { ...stored };
          const fields: { field: string; from: unknown; to: unknown }[] = [];
          for (const f of FIELDS) {
            if (!given.includes(f)) continue;
            const to = entry[f];
            if (JSON.stringify(to) === JSON.stringify(stored[f])) continue;
            fields.push({ field: f, from: stored[f] ?? null, to });
            (next as unknown as Record<string, unknown>)[f] = to;
          }
          if (fields.length === 0) {
            unchanged++;
            continue;
          }
          overwritten.push({ id: stored.id, vi: stored.vi, en: stored.en, fields });
          changes.set(stored.id, next);
          byId.set(stored.id, next);
        } while (i < terms.length && more());
        return i;
      });
      if (!options.dryRun && changes.size) {
        // Rows are made in slices too: the match key of tens of thousands of terms is a noticeable hold.
        const entries = [...changes.values()];
        const rows: NewTermRow[] = [];
        await inSlices(entries.length, (from, more) => {
          let i = from;
          do rows.push(toRow(entries[i++]!, now));
          while (i < entries.length && more());
          return i;
        });
        await repo.upsert(rows);
        changed();
      }
      return {
        format, imported: created + overwritten.length, skipped: skipped.length, skippedItems: skipped,
        created, updated: overwritten.length, unchanged, overwritten, dryRun: options.dryRun === true, ...(delimiter ? { delimiter } : {}),
      };
    },
    async exportFile(format) {
      const entries = await svc.list();
      // The BOM makes Excel open the CSV as UTF-8 instead of the locale's code page, so Vietnamese reads right.
      return format === 'tbx' ? buildTbx(entries) : `\uFEFF${termsToCsv(entries)}`;
    },
    index() {
      cached ??= svc.list().then(buildTermIndex);
      return cached;
    },
    async termsFor(source, date) {
      return termsInText(await svc.index(), source, { date });
    },
    forget() {
      cached = null;
    },
  };
  return svc;
}

/** Bus topic: the termbase changed; every process sharing the store rebuilds its index on next use. */
const TERMS_CHANGED = 'terms-changed';

const byStore = new WeakMap<object, TerminologyService>();

/** The one terminology service of an app (its cached index is shared by routes, the chain and QA). */
export function terminologyFor(deps: Pick<Deps, 'store'>): TerminologyService {
  let svc = byStore.get(deps.store);
  if (!svc) {
    const { bus } = deps.store;
    const created = terminologyService(termsRepository(deps.store.db), () => {
      bus.publish(TERMS_CHANGED, {}).catch(() => {});
    });
    // A worker process translating with the termbase hears of a term an editor changed on a server.
    bus.subscribe(TERMS_CHANGED, () => created.forget());
    byStore.set(deps.store, (svc = created));
  }
  return svc;
}
