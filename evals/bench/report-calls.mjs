// Preload for the benchmark: time every fetch the process makes (call to response headers) and print, on exit, the
// mean latency the client saw and the mean time a pool slot spent between an answer and the next call, for the
// parent to read. Needs the slot count: EVAL_BENCH_SLOTS.
const slots = Number(process.env.EVAL_BENCH_SLOTS ?? 1);
const calls = [];
const fetch0 = globalThis.fetch;
globalThis.fetch = async function fetch(...args) {
  const call = { at: performance.now(), answeredAt: NaN };
  calls.push(call);
  const res = await fetch0.apply(this, args);
  call.answeredAt = performance.now();
  return res;
};
process.on('exit', () => {
  const done = calls.filter((c) => c.answeredAt >= 0);
  if (!done.length) return;
  const waited = done.reduce((s, c) => s + (c.answeredAt - c.at), 0);
  const span = Math.max(...done.map((c) => c.answeredAt)) - Math.min(...done.map((c) => c.at));
  process.stderr.write(`client-latency-ms=${(waited / done.length).toFixed(2)} client-gap-ms=${((span * slots - waited) / done.length).toFixed(2)}\n`);
});
