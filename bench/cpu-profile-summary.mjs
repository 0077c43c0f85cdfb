// node bench/cpu-profile-summary.mjs <file.cpuprofile>: the share of the API's busy time per part of the
// request pipeline (pg driver, TypeORM, Express, Nest, Apollo, graphql-js, JWT check, logging, ...),
// from a profile taken with BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=<dir>" while
// bench/interactive.mjs runs. Only samples from 2 s after the first request context on (start-up left
// out). Each sample goes to the innermost frame that belongs to one of the parts (node's own stream and
// socket code only when nothing else does). The profiler samples wall-clock time, so on a loaded machine
// the shares are what to read, not the totals (docs/explain/api-cpu.md).
import fs from 'node:fs';
const p = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const stackOf = (id) => { const s = []; for (let x = id; x !== undefined; x = parent.get(x)) s.push(byId.get(x)); return s; };
let t = p.startTime; const times = p.timeDeltas.map((d) => (t += d));
const startIdx = p.samples.findIndex((id) => stackOf(id).some((n) => n.callFrame.functionName === 'buildRequestContext'));
const t0 = times[startIdx] + 2e6;
const B = [
  ['GC', (f) => f.functionName === '(garbage collector)'],
  ['JWT verify (jose/webcrypto)', (f) => /jose|webcrypto|internal\/crypto/.test(f.url)],
  ['helmet headers', (f) => /helmet/.test(f.url)],
  ['request log (pino) + metrics (prom-client)', (f) => /pino|prom-client|observability\/request-log/.test(f.url)],
  ['TypeORM (query building, hydration)', (f) => /node_modules\/typeorm/.test(f.url)],
  ['pg driver', (f) => /node_modules\/pg/.test(f.url) || /postgres-/.test(f.url)],
  ['dataloader', (f) => /dataloader/.test(f.url)],
  ['graphql parse/validate', (f) => /graphql\/(language|validation)|graphql-armor|hardening/.test(f.url)],
  ['graphql execute', (f) => /graphql\/(execution|jsutils|type)/.test(f.url)],
  ['Nest (context creator, guards, interceptors, rxjs)', (f) => /@nestjs|rxjs|access\.guard|input-guard/.test(f.url)],
  ['Apollo server', (f) => /@apollo|as-integrations/.test(f.url)],
  ['body parser', (f) => /body-parser|raw-body|type-is|iconv|content-type|negotiator|whatwg/.test(f.url)],
  ['express/router', (f) => /node_modules\/(express|router|finalhandler|send|serve-static)/.test(f.url)],
  ['app code', (f) => /dist\/apps\/api/.test(f.url)],
  ['node http/net/streams', (f) => /^node:/.test(f.url)],
];
const acc = new Map(); let total = 0;
for (let i = 0; i < p.samples.length; i++) {
  if (times[i] < t0) continue;
  const dt = (times[i + 1] ?? times[i]) - times[i];
  const stack = stackOf(p.samples[i]);
  if (stack[0].callFrame.functionName === '(idle)') continue;
  total += dt;
  // leaf-most frame that matches any bucket decides; buckets checked leaf to root
  let name = 'other/native';
  outer: for (const n of stack) for (const [b, test] of B) if (b !== 'node http/net/streams' && test(n.callFrame)) { name = b; break outer; }
  if (name === 'other/native' && stack.some((n) => /^node:/.test(n.callFrame.url))) name = 'node http/net/streams';
  acc.set(name, (acc.get(name) ?? 0) + dt);
}
console.log(`busy ${(total/1000).toFixed(0)} ms`);
for (const [k, v] of [...acc].sort((a, b) => b[1] - a[1])) console.log(`${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`);
