// @vitest-environment happy-dom
/** The XLIFF re-import in the Export menu and the termbase import report: what a person sees after importing another tool's file. */
import { afterEach, describe, expect, it } from 'vitest';
import { json, mount, settle, shadowText, stubFetch, useStub } from '../test/fixtures.ts';
import '../views/wb-terms-view.ts';
import './wb-export-menu.ts';
afterEach(() => {
  document.body.innerHTML = '';
});

const text = shadowText;

function chooseFile(el: Element, selector: string, name: string, content: string) {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>(selector)!;
  Object.defineProperty(input, 'files', { value: [new File([content], name)], configurable: true });
  input.dispatchEvent(new Event('change'));
}

describe('<wb-export-menu> XLIFF re-import', () => {
  it('offers both XLIFF versions and, after an import that changed nothing, shows the warning and every ignored unit', async () => {
    const result = {
      version: '1.2', units: 2, updated: [], unchanged: 0, unknownIds: ['x-1', 'x-2'], changedSources: [], conflicts: [],
      ignored: [
        { id: 'x-1', reason: 'unknown-id', message: 'Unit x-1 names no segment of article a1: was the file exported from another article?' },
        { id: 'x-2', reason: 'unknown-id', message: 'Unit x-2 names no segment of article a1: was the file exported from another article?' },
      ],
      warning: 'No segment changed: 2 of 2 units were ignored (2 unknown-id) and 0 were the same as stored',
    };
    const stub = useStub(stubFetch([(u) => (u === '/api/articles/a1/xliff' ? json(result) : undefined)]));
    const el = await mount('wb-export-menu', { articleId: 'a1' });
    expect([...el.shadowRoot!.querySelectorAll('a[data-export^="xliff-"]')].map((a) => a.getAttribute('href'))).toEqual(['/api/articles/a1/xliff?version=2.0', '/api/articles/a1/xliff?version=1.2']);
    chooseFile(el, '#xliff-file', 'other.xlf', '<xliff/>');
    await settle(el);
    expect(stub.calls.map((c) => [c.method, c.url])).toEqual([['POST', '/api/articles/a1/xliff']]);
    expect(text(el, '[role="status"] p')).toEqual(['0 segments updated, 0 unchanged, 2 units ignored.', result.warning, 'Ignored units:']);
    expect(text(el, 'ul.ignored li')).toEqual(result.ignored.map((i) => i.message));
  });
});

describe('<wb-terms-view> import report', () => {
  it('saves nothing when the person declines the overwrite list', async () => {
    const preview = { format: 'csv', imported: 1, skipped: 0, created: 0, updated: 1, unchanged: 0, dryRun: true, overwritten: [{ id: 't1', vi: 'Sở Y tế', en: 'Department of Health', fields: [{ field: 'note', from: 'a', to: 'b' }] }] };
    const stub = useStub(stubFetch([(u) => (u === '/api/terms/import?dryRun=true' ? json(preview) : undefined), (u) => (u === '/api/terms' ? json({ terms: [] }) : undefined)]));
    window.confirm = () => false;
    const el = await mount('wb-terms-view');
    await settle(el);
    chooseFile(el, '#term-file', 'terms.csv', 'vi,en\n');
    await settle(el);
    expect(stub.calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual(['/api/terms/import?dryRun=true']);
    expect(text(el, '.notice')).toEqual(['Import cancelled: nothing was changed.']);
  });

  it('lists each row not imported with its line and each changed entry with old and new values', async () => {
    const report = {
      format: 'csv', imported: 2, skipped: 2, created: 1, updated: 1, unchanged: 0, dryRun: false, delimiter: ';',
      skippedItems: [{ line: 4, reason: 'no Vietnamese (vi) term' }, { line: 5, reason: 'no English (en) term' }],
      overwritten: [{ id: 't1', vi: 'tỉnh Hà Tây', en: 'Ha Tay Province', fields: [{ field: 'note', from: null, to: 'Sáp nhập vào Hà Nội' }] }],
    };
    const stub = useStub(stubFetch([
      (u) => (u === '/api/terms/import?dryRun=true' ? json({ ...report, dryRun: true }) : undefined),
      (u) => (u === '/api/terms/import' ? json(report) : undefined),
      (u) => (u === '/api/terms' ? json({ terms: [] }) : undefined),
    ]));
    const asked: string[] = [];
    window.confirm = (msg?: string) => (asked.push(msg ?? ''), true);
    const el = await mount('wb-terms-view');
    await settle(el);
    chooseFile(el, '#term-file', 'terms.csv', 'vi;en\n');
    await settle(el);
    // The dry run came first and its overwrite list was put to the person before anything was saved.
    expect(stub.calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual(['/api/terms/import?dryRun=true', '/api/terms/import']);
    expect(asked).toEqual(['This file changes 1 entries already in the termbase:\ntỉnh Hà Tây = Ha Tay Province: note\n\nImport it?']);
    expect(text(el, '.notice')).toEqual(['Imported from CSV: 1 new, 1 changed, 0 unchanged, 2 not imported.']);
    expect(text(el, 'ul.skipped li')).toEqual(['line 4: no Vietnamese (vi) term', 'line 5: no English (en) term']);
    expect(text(el, 'ul.overwritten li')).toEqual(['tỉnh Hà Tây = Ha Tay Province: note: ∅ → Sáp nhập vào Hà Nội']);
  });
});
