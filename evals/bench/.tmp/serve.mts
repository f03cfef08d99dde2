import { startScriptedModelServer } from '../../../backend/test/helpers/scripted-model-server.ts';
const s = await startScriptedModelServer({ latencyMs: 0 });
console.log(s.baseURL);
setTimeout(() => s.close(), 240_000);
