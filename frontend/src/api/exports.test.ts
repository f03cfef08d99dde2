import { describe, expect, it } from 'vitest';
import { finalExport } from './exports.ts';
import { json, stubFetch, useStub } from '../test/fixtures.ts';

describe('finalExport', () => {
  it('asks for final=true and returns the file with its UTF-8 name', async () => {
    const stub = useStub(stubFetch([() => new Response(new Uint8Array([80, 75, 3, 4]), {
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'content-disposition': `attachment; filename="Hoa Binh.docx"; filename*=UTF-8''${encodeURIComponent('Hòa Bình.docx')}` },
    })]));
    const r = await finalExport('art 1', 'docx', 'translation');
    expect(stub.calls[0]!.url).toBe('/api/articles/art%201/export?format=docx&kind=translation&final=true');
    expect(r.ok && r.filename).toBe('Hòa Bình.docx');
    expect(r.ok && [...new Uint8Array(await r.blob.arrayBuffer())]).toEqual([80, 75, 3, 4]);
  });

  it('returns each refusal with its list instead of a file', async () => {
    const segments = [{ segmentId: 's1', segmentIndex: 0, status: 'translated' }];
    useStub(stubFetch([() => json({ error: { code: 'ERR_EXPORT_NOT_FINAL', message: '1 segment is not approved (1)' }, segments }, 409)]));
    expect(await finalExport('a', 'md', 'bilingual')).toEqual({ ok: false, refusal: { kind: 'not-final', message: '1 segment is not approved (1)', segments } });
    const issues = [{ code: 'QA_NUMBER_CHANGED', severity: 'error', message: '"350" became "530"', params: { variant: 'became', source: '350', translation: '530' }, segmentId: 's2', segmentIndex: 1 }];
    useStub(stubFetch([() => json({ error: { code: 'ERR_QA_GATE_BLOCKED', message: '1 segment still has QA errors' }, issues }, 409)]));
    expect(await finalExport('a', 'docx', 'translation')).toEqual({ ok: false, refusal: { kind: 'qa', message: '1 segment still has QA errors', issues } });
  });

  it('throws any other failure', async () => {
    useStub(stubFetch([() => json({ error: { code: 'ERR_ARTICLE_NOT_FOUND', message: 'Article a does not exist' } }, 404)]));
    await expect(finalExport('a', 'docx', 'translation')).rejects.toMatchObject({ status: 404, code: 'ERR_ARTICLE_NOT_FOUND' });
  });
});
