import { describe, expect, it } from 'vitest';
import { patchWithQaGate } from './segments.ts';
import { json, seg, stubFetch, useStub } from '../test/fixtures.ts';

const blocked = { error: { code: 'ERR_QA_GATE_BLOCKED', message: 'Segment s1 has 1 QA error: fix it, or approve anyway with qaOverride.reason saying why. Nothing was saved.' }, issues: [{ code: 'QA_NUMBER_FORMAT', severity: 'error', message: '"790,84" is written the Vietnamese way: in English write "790.84"' }] };

describe('patchWithQaGate', () => {
  it('asks for a reason when the QA gate refuses an approval, and sends it as qaOverride', async () => {
    const saved = seg({ id: 's1', status: 'approved', version: 3 });
    let n = 0;
    const stub = useStub(stubFetch([() => (n++ === 0 ? json(blocked, 409) : json(saved))]));
    const asked: unknown[] = [];
    const save = patchWithQaGate((message, issues) => {
      asked.push([message, issues]);
      return '  house style keeps the comma  ';
    });
    expect(await save('s1', { status: 'approved', version: 2 })).toEqual({ ok: true, segment: saved });
    expect(asked).toEqual([[blocked.error.message, blocked.issues]]);
    expect(stub.calls.map((c) => c.body)).toEqual([
      { status: 'approved', version: 2 },
      { status: 'approved', version: 2, qaOverride: { reason: 'house style keeps the comma' } },
    ]);
  });

  it('saves nothing more and throws the refusal when no reason is given', async () => {
    const stub = useStub(stubFetch([() => json(blocked, 409)]));
    await expect(patchWithQaGate(() => null)('s1', { status: 'approved', version: 2 })).rejects.toMatchObject({ status: 409, code: 'ERR_QA_GATE_BLOCKED' });
    expect(stub.calls).toHaveLength(1);
  });
});
