import { benchValues } from './spc.js';
import { analyzeSpc } from '../src/domain/spc/index.js';
const x = benchValues();
let best = Infinity;
for (let i = 0; i < 400; i++) { const s = performance.now(); analyzeSpc(x, { includePoints: false }); best = Math.min(best, performance.now() - s); }
console.log(best);
