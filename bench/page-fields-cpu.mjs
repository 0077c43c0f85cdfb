// API CPU of the onboarding page's record query by part: the record's own fields alone, then with one
// nested part each (sequential, after a warm-up; CPU from /proc). Usage: node bench/page-fields-cpu.mjs --db efa_nat_<you> [iterations]
import { ONBOARDING_PAGE_FIELDS, pageSession } from './console-requests.mjs';

const dbName = process.argv[process.argv.indexOf('--db') + 1];
const N = Number(process.argv.find((a, i) => i > 1 && /^\d+$/.test(a) && process.argv[i - 1] !== '--db') ?? 40);
const { api, gql, ra, onboarding, close } = await pageSession(dbName);
try {
  const own = ONBOARDING_PAGE_FIELDS.filter((f) => typeof f === 'string' && f !== 'contractSigned');
  const parts = [['own fields', []], ['contractSigned', ['contractSigned']], ...ONBOARDING_PAGE_FIELDS.filter((f) => typeof f !== 'string').map((f) => [Object.keys(f)[0], [f]]), ['whole page', ONBOARDING_PAGE_FIELDS.filter((f) => !own.includes(f))]];
  const only = process.env.PARTS?.split(',');
  const variants = parts.filter(([name], i) => i === 0 || !only || only.includes(name)).map(([name, fields]) => {
    const r = ra.call('GET_ONE', 'Onboarding', { id: onboarding.id, meta: { sparseFields: [...own, ...fields] } });
    return { name, run: () => gql(r.query, r.variables), cpu: [] };
  });
  // Rounds over all variants, so that a change of the machine's load falls on all of them alike; the median round counts.
  const ROUNDS = 7;
  for (const v of variants) for (let i = 0; i < 10; i++) await v.run();
  for (let round = 0; round < ROUNDS; round++) {
    for (const v of variants) {
      const c0 = api.cpuMs();
      for (let i = 0; i < N; i++) await v.run();
      v.cpu.push((api.cpuMs() - c0) / N);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const base = median(variants[0].cpu);
  for (const v of variants) console.log(`${v.name.padEnd(20)} CPU ${median(v.cpu).toFixed(2)} ms/req (+${(median(v.cpu) - base).toFixed(2)})`);
} finally {
  await close();
}
