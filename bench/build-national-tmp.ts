import { openNationalData } from '/work/wt-12c/bench/lib/national-data';
const w = await openNationalData('/work/wt-12c/bench/out/national');
await w.close();
