import { afterAll, describe, expect, it } from 'vitest';
import { IntakePool, QUEUE_MAX } from './intake-pool.ts';

describe('IntakePool', () => {
  const pool = new IntakePool({ timeoutMs: 20_000, memoryMb: 256, threads: 1 });
  afterAll(() => pool.close());

  it('reads Vietnamese text in a worker and brings coded errors back with their status', async () => {
    const result = await pool.run({ text: '(HBĐT) - Ngày 6/1/2017, BTV Tỉnh ủy đã ban hành Nghị quyết. TP. Hòa Bình đẩy mạnh đối ngoại.' });
    expect(result.segments.map((s) => s.sentences.length)).toEqual([2]);
    await expect(pool.run({ file: { name: 'a.pdf', data: Buffer.from('%PDF') } })).rejects.toMatchObject({ code: 'ERR_INPUT_UNSUPPORTED_TYPE', statusCode: 415 });
  });

  it('reads interchange files in a worker into plain data, and brings their coded errors back', async () => {
    const tmx = '<tmx version="1.4"><header/><body><tu><tuv xml:lang="vi"><seg>Tỉnh Hòa Bình</seg></tuv><tuv xml:lang="en"><seg>Hoa Binh province</seg></tuv></tu></body></tmx>';
    expect(await pool.readInterchange('tmx', new TextEncoder().encode(tmx))).toEqual({ units: [{ source: 'Tỉnh Hòa Bình', target: 'Hoa Binh province', createdBy: null }], skipped: [] });
    expect((await pool.readInterchange('terms', 'vi,en\nđối ngoại,external affairs\n')).terms.map((t) => t.entry.en)).toEqual(['external affairs']);
    await expect(pool.readInterchange('xliff', '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"><file id="f"><unit id="u"><segment><source>Hòa')).rejects.toMatchObject({ code: 'ERR_INPUT_MALFORMED', statusCode: 400 });
  });

  it('brings a long list back whole and in order (it travels in pieces)', async () => {
    const tu = (i: number) => `<tu><tuv xml:lang="vi"><seg>Đoạn số ${i}</seg></tuv><tuv xml:lang="en"><seg>Paragraph ${i}</seg></tuv></tu>`;
    const tmx = `<tmx version="1.4"><header/><body>${Array.from({ length: 4_500 }, (_, i) => tu(i)).join('')}</body></tmx>`;
    const { units } = await pool.readInterchange('tmx', tmx);
    expect(units.map((u) => u.source)).toEqual(Array.from({ length: 4_500 }, (_, i) => `Đoạn số ${i}`));
  });

  it(`refuses documents past ${QUEUE_MAX} waiting with a 503 naming the limit, and reads the others`, async () => {
    const answers = await Promise.allSettled(Array.from({ length: QUEUE_MAX + 8 }, (_, i) => pool.run({ text: `Đoạn số ${i} của bài.` })));
    const refused = answers.filter((a) => a.status === 'rejected').map((a) => (a as PromiseRejectedResult).reason);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((e) => e.code === 'ERR_INTAKE_BUSY' && e.statusCode === 503 && e.message.includes(`${QUEUE_MAX} documents already (the limit)`))).toBe(true);
    expect(answers.filter((a) => a.status === 'fulfilled').length).toBeGreaterThanOrEqual(QUEUE_MAX);
  });
});
