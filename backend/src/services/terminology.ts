/**
 * The termbase: CRUD, CSV/TBX import and export, and the match index the translation chain and QA use. The index is
 * rebuilt only after a change, so matching a segment costs no database read.
 */
import type { Deps } from '../deps.ts';
import { Errors } from '../errors.ts';
import { buildTbx, parseTermsFile } from '../interchange/tbx.ts';
import type { CreateTermBody, ImportResult, PatchTermBody } from '../schemas/terminology.ts';
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
  /** Add or update entries from a CSV or TBX file (told apart by content); an entry with a known id is replaced. */
  importFile(text: string): Promise<ImportResult>;
  exportFile(format: 'csv' | 'tbx'): Promise<string>;
  /** The match index over the current termbase. */
  index(): Promise<TermIndex>;
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

const clean = (s: string | null | undefined) => (s === null || s === undefined ? s : s.normalize('NFC').trim());

/** The service over a repository (tests may pass their own). */
export function terminologyService(repo: TermsRepository): TerminologyService {
  let cached: Promise<TermIndex> | null = null;
  const changed = () => {
    cached = null;
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
      if (await repo.get(id)) throw new Errors.Conflict(`The termbase already has "${vi}" = "${en}" (${id})`);
      const entry: TermEntry = { id, vi, en, forbidden: body.forbidden.map((f) => clean(f)!), caseSensitive: body.caseSensitive };
      for (const k of ['abbr', 'note', 'validFrom', 'validTo', 'domain'] as const) if (body[k]) entry[k] = clean(body[k])!;
      await repo.upsert([toRow(entry, new Date().toISOString())]);
      changed();
      return entry;
    },
    async update(id, patch) {
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
    async importFile(text) {
      const { entries, skipped, format } = parseTermsFile(text);
      if (entries.length === 0) throw new Errors.MalformedInput(`No term found in the ${format.toUpperCase()} file: a CSV needs the columns vi,en (and optionally abbr,note,forbidden,...); a TBX needs vi and en langSets`);
      const now = new Date().toISOString();
      await repo.upsert(entries.map((e) => toRow(e, now)));
      changed();
      return { format, imported: entries.length, skipped };
    },
    async exportFile(format) {
      const entries = await svc.list();
      return format === 'tbx' ? buildTbx(entries) : termsToCsv(entries);
    },
    index() {
      cached ??= svc.list().then(buildTermIndex);
      return cached;
    },
    async termsFor(source, date) {
      return termsInText(await svc.index(), source, { date });
    },
  };
  return svc;
}

const byStore = new WeakMap<object, TerminologyService>();

/** The one terminology service of an app (its cached index is shared by routes, the chain and QA). */
export function terminologyFor(deps: Pick<Deps, 'store'>): TerminologyService {
  let svc = byStore.get(deps.store);
  if (!svc) byStore.set(deps.store, (svc = terminologyService(termsRepository(deps.store.db))));
  return svc;
}
