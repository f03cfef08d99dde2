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

  it(`refuses documents past ${QUEUE_MAX} waiting with a 503 naming the limit, and reads the others`, async () => {
    const answers = await Promise.allSettled(Array.from({ length: QUEUE_MAX + 8 }, (_, i) => pool.run({ text: `Đoạn số ${i} của bài.` })));
    const refused = answers.filter((a) => a.status === 'rejected').map((a) => (a as PromiseRejectedResult).reason);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((e) => e.code === 'ERR_INTAKE_BUSY' && e.statusCode === 503 && e.message.includes(`${QUEUE_MAX} documents already (the limit)`))).toBe(true);
    expect(answers.filter((a) => a.status === 'fulfilled').length).toBeGreaterThanOrEqual(QUEUE_MAX);
  });
});
