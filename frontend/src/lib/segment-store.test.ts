import { describe, expect, it } from 'vitest';
import type { PatchSegmentBody, Segment } from '../../../backend/src/schemas/article.ts';
import { seg } from '../test/fixtures.ts';
import { SegmentStore, type Conflict, type PatchResult } from './segment-store.ts';

/** Manual timers so debouncing is tested without waiting. */
function fakeTimers() {
  let next = 1;
  const pending = new Map<number, () => void>();
  return {
    timers: { set: (fn: () => void) => (pending.set(next, fn), next++), clear: (h: unknown) => pending.delete(h as number) },
    pending,
    fire() {
      const fns = [...pending.values()];
      pending.clear();
      fns.forEach((f) => f());
    },
  };
}

function setup(save: (id: string, p: PatchSegmentBody) => Promise<PatchResult>, segments: Segment[] = [seg({ id: 's1', machineTranslation: 'The delegation worked.', translation: 'The delegation worked.', status: 'translated', version: 1 })]) {
  const t = fakeTimers();
  const conflicts: Conflict[] = [];
  const changes: string[] = [];
  const store = new SegmentStore(segments, { save, timers: t.timers, onChange: (id) => changes.push(id), onConflict: (c) => conflicts.push(c) });
  return { store, t, conflicts, changes };
}

const serverSave = (log: PatchSegmentBody[]) => async (id: string, p: PatchSegmentBody): Promise<PatchResult> => {
  log.push(p);
  return { ok: true, segment: seg({ id, translation: p.translation ?? 'The delegation worked.', status: p.status ?? 'edited', version: p.version + 1 }) };
};

describe('SegmentStore', () => {
  it('debounces typing into one save with the base version', async () => {
    const log: PatchSegmentBody[] = [];
    const { store, t } = setup(serverSave(log));
    store.edit('s1', 'The Yamanashi');
    store.edit('s1', 'The Yamanashi delegation');
    expect(store.state('s1')).toBe('dirty');
    expect(t.pending.size).toBe(1);
    t.fire();
    await store.flush('s1');
    expect(log).toEqual([{ version: 1, translation: 'The Yamanashi delegation', status: 'edited' }]);
    expect(store.state('s1')).toBe('saved');
    expect(store.segment('s1').version).toBe(2);
  });

  it('keeps typing done during a save and saves it next with the new version', async () => {
    const log: PatchSegmentBody[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { store, t } = setup(async (id, p) => {
      if (log.length === 0) await gate;
      return serverSave(log)(id, p);
    });
    store.edit('s1', 'first');
    const saving = store.flush('s1');
    store.edit('s1', 'second');
    release();
    await saving;
    expect(store.text('s1')).toBe('second');
    expect(store.state('s1')).toBe('dirty');
    t.fire();
    await store.flush('s1');
    expect(log.map((p) => [p.translation, p.version])).toEqual([['first', 1], ['second', 2]]);
  });

  it('opens a conflict on 409 and never overwrites until the editor chooses', async () => {
    const theirs = seg({ id: 's1', translation: 'Their version', version: 5, status: 'edited' });
    const log: PatchSegmentBody[] = [];
    const { store, conflicts } = setup(async (id, p) => (log.push(p), log.length === 1 ? { ok: false, conflict: theirs } : serverSave([])(id, p)));
    store.edit('s1', 'My version');
    expect(await store.flush('s1')).toBe(false);
    expect(conflicts).toEqual([{ id: 's1', mine: 'My version', theirs, base: 'The delegation worked.' }]);
    expect(store.state('s1')).toBe('conflict');
    // further flushes do nothing while the conflict is open
    expect(await store.flush('s1')).toBe(false);
    expect(log).toHaveLength(1);
    expect(await store.resolveWith(theirs, 'Merged version')).toBe(true);
    expect(log[1]).toEqual({ version: 5, translation: 'Merged version', status: 'edited' });
  });

  it('takes the server version on request, keeping mine undoable', () => {
    const { store } = setup(serverSave([]));
    store.edit('s1', 'Mine');
    store.acceptTheirs(seg({ id: 's1', translation: 'Theirs', version: 4 }));
    expect([store.text('s1'), store.state('s1'), store.segment('s1').version]).toEqual(['Theirs', 'saved', 4]);
    expect(store.undo('s1')).toBe('Mine');
  });

  it('undoes step by step back to the machine translation', () => {
    const { store, t } = setup(serverSave([]));
    store.edit('s1', 'A');
    store.edit('s1', 'AB');
    store.replace('s1', 'Copied MT');
    store.edit('s1', 'Copied MT, typed');
    expect(store.undo('s1')).toBe('Copied MT');
    expect(t.pending.size).toBe(1);
    expect(store.undo('s1')).toBe('AB');
    expect(store.undo('s1')).toBe('The delegation worked.');
    expect(store.undo('s1')).toBeNull();
    expect(store.canUndo('s1')).toBe(false);
  });

  it('approves with the draft in one request and refuses empty text', async () => {
    const log: PatchSegmentBody[] = [];
    const { store } = setup(serverSave(log), [seg({ id: 's1', translation: 'Old', version: 3 }), seg({ id: 's2', translation: null })]);
    store.edit('s1', 'New text');
    expect(await store.approve('s1')).toBe(true);
    expect(log).toEqual([{ version: 3, translation: 'New text', status: 'approved' }]);
    expect(store.segment('s1').status).toBe('approved');
    expect(await store.approve('s2')).toBe(false);
    expect(log).toHaveLength(1);
  });

  it('keeps the draft after a failed save and retries it', async () => {
    let fail = true;
    const log: PatchSegmentBody[] = [];
    const { store } = setup(async (id, p) => {
      if (fail) throw new Error('The server cannot be reached.');
      return serverSave(log)(id, p);
    });
    store.edit('s1', 'Kept');
    await store.flush('s1');
    expect([store.state('s1'), store.lastError('s1'), store.text('s1'), store.hasUnsaved()]).toEqual(['error', 'The server cannot be reached.', 'Kept', true]);
    fail = false;
    expect(await store.retry('s1')).toBe(true);
    expect([store.state('s1'), store.hasUnsaved()]).toEqual(['saved', false]);
  });

  it('shows a streamed result in an untouched row without changing its version', () => {
    const { store } = setup(serverSave([]), [seg({ id: 's1' }), seg({ id: 's2', translation: 'Editor text', machineTranslation: 'Old MT', status: 'edited' })]);
    store.showResult('s1', { machineTranslation: 'New MT', status: 'translated', error: null });
    store.showResult('s2', { machineTranslation: 'New MT 2', status: 'edited', error: null });
    expect([store.text('s1'), store.segment('s1').version, store.text('s2')]).toEqual(['New MT', 1, 'Editor text']);
  });

  it('fills a row from the stream, but keeps a local draft so its save conflicts', () => {
    const { store } = setup(serverSave([]), [seg({ id: 's1' }), seg({ id: 's2' })]);
    store.applyServer(seg({ id: 's1', machineTranslation: 'MT', translation: 'MT', status: 'translated', version: 2 }));
    expect([store.text('s1'), store.segment('s1').version]).toEqual(['MT', 2]);
    store.edit('s2', 'typed first');
    store.applyServer(seg({ id: 's2', machineTranslation: 'MT2', translation: 'MT2', status: 'translated', version: 2 }));
    expect([store.text('s2'), store.segment('s2').version, store.segment('s2').machineTranslation]).toEqual(['typed first', 1, 'MT2']);
  });
});

describe('SegmentStore when saving fails or QA blocks', () => {
  it('retries a save the network lost by itself, with the same text, and lists it as failing meanwhile', async () => {
    const log: PatchSegmentBody[] = [];
    let down = true;
    const { store, t } = setup(async (id, p) => {
      if (down) throw Object.assign(new Error('The server cannot be reached.'), { status: 0 });
      return serverSave(log)(id, p);
    });
    store.edit('s1', 'Hoa Binh delegation');
    await store.flush('s1');
    expect(store.state('s1')).toBe('error');
    expect(store.failing()).toEqual(['s1']);
    expect(t.pending.size).toBe(1); // the retry is scheduled
    down = false;
    t.fire();
    await store.flush('s1');
    expect(log).toEqual([{ version: 1, translation: 'Hoa Binh delegation', status: 'edited' }]);
    expect(store.state('s1')).toBe('saved');
    expect(store.failing()).toEqual([]);
  });

  it('does not retry a refusal (4xx) by itself', async () => {
    const { store, t } = setup(async () => { throw Object.assign(new Error('too long'), { status: 400 }); });
    store.edit('s1', 'x');
    await store.flush('s1');
    expect(store.state('s1')).toBe('error');
    expect(t.pending.size).toBe(0);
  });

  it('an approval the QA gate blocks waits for a reason, then goes again with qaOverride', async () => {
    const log: Array<Record<string, unknown>> = [];
    const issues = [{ code: 'NUMBER_MISMATCH', severity: 'error' as const, message: '12 is missing' }];
    const blocked: unknown[] = [];
    const t = fakeTimers();
    const store = new SegmentStore([seg({ id: 's1', translation: 'Ten delegations', status: 'edited', version: 3 })], {
      timers: t.timers, onChange: () => {}, onConflict: () => {}, onQaBlocked: (b) => blocked.push(b),
      save: async (id, p) => {
        log.push({ ...p });
        if (!p.qaOverride) return { ok: false, qaBlocked: { message: 'QA errors block approval', issues } };
        return { ok: true, segment: seg({ id, translation: 'Ten delegations', status: 'approved', version: 4 }) };
      },
    });
    expect(await store.approve('s1')).toBe(false);
    expect(store.state('s1')).toBe('blocked');
    expect(blocked).toEqual([{ id: 's1', message: 'QA errors block approval', issues }]);
    expect(await store.flush('s1')).toBe(false); // nothing goes out while the editor decides
    expect(await store.overrideQa('s1', 'The source figure is a typo; confirmed with the author')).toBe(true);
    expect(log).toEqual([
      { version: 3, status: 'approved' },
      { version: 3, status: 'approved', qaOverride: { reason: 'The source figure is a typo; confirmed with the author' } },
    ]);
    expect(store.segment('s1').status).toBe('approved');
    expect(store.state('s1')).toBe('saved');
  });
});
