/** `npm run bench`: the translation benchmark (backend/bench/translate.bench.ts). Exits 1 when a target is missed. */
import { runTranslateBench } from '../backend/bench/translate.bench.ts';

const { ratio, promptRatio } = await runTranslateBench();
process.exitCode = ratio <= 1.3 && promptRatio <= 3 ? 0 : 1;
