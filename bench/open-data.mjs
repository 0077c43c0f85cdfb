/**
 * `node bench/open-data.mjs` (after `npm run build`): the size of the embeddable component, and
 * how long the open data files take to build at national scale (11,401 authorities × 50 services
 * = 570,050 public_status rows, synthetic, in memory: the files are built from the public
 * module's in-memory copy, never from the database). Writes the section "Public web component
 * and open data" of bench/RESULTS.md. Sizes are exact; times depend on the machine's load.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'apps/api/dist/apps/api/src/public');
const { statusCsvChunks, statusJsonChunks, newestGoLives, goLivesAtom } = await import(path.join(dist, 'open-data.js'));
const { gzipFile } = await import(path.join(dist, 'public-files.js'));
const size = JSON.parse(fs.readFileSync(path.join(root, 'apps/widget/dist/size.json'), 'utf8'));

const AUTHORITIES = 11_401;
const SERVICES = 50;
const STATUSES = ['LIVE', 'PREPARING', 'NOT_PLANNED'];
const rows = [];
for (let s = 0; s < SERVICES; s++) {
  for (let a = 0; a < AUTHORITIES; a++) {
    const status = STATUSES[(a * 7 + s) % 3];
    rows.push({
      ozgId: String(10000 + s),
      serviceName: `Leistung ${s} (synthetisch)`,
      ars: String(10_000_000_000 + a * 97).padStart(12, '0'),
      authorityName: `Gemeinde ${a} (synthetisch)`,
      stateCode: 'RP',
      stateName: 'Rheinland-Pfalz',
      status,
      liveSince: status === 'LIVE' ? `202${a % 6}-0${(a % 9) + 1}-1${a % 10}` : null,
      applyUrl: status === 'LIVE' && a % 2 ? `https://service.example.org/${s}/${a}` : null,
      plannedQuarter: status === 'PREPARING' && a % 3 === 0 ? `2027-Q${(a % 4) + 1}` : null,
      updatedAt: '2026-12-02T08:00:00.000Z',
    });
  }
}

async function time(label, fn) {
  const started = process.hrtime.bigint();
  const result = await fn();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`${label}: ${ms.toFixed(0)} ms`);
  return { ms, result };
}

const csv = await time('status.csv', () => gzipFile('text/csv', statusCsvChunks(rows)));
const json = await time('status.json', () => gzipFile('application/json', statusJsonChunks(rows, new Date().toISOString())));
const atom = await time('go-lives.atom', () => goLivesAtom(newestGoLives(rows), 'de', 'https://example.org', new Date().toISOString(), (r) => `https://example.org/public/de/services/${r.ozgId}/authorities/${r.ars}`));
const mb = (n) => (n / 1024 / 1024).toFixed(1);
const cpu = os.cpus()[0]?.model?.trim() ?? 'unknown CPU';

const section = `## Public web component and open data

Measured ${new Date().toISOString().slice(0, 10)} with \`node bench/open-data.mjs\` on ${os.cpus().length} cores (${cpu}), Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)} (shared machine).

- Public web component: \`efa-rollout-status.js\` ${size.version}, ${(size.bytes / 1024).toFixed(1)} kB minified, **${(size.gzipBytes / 1024).toFixed(1)} kB gzip** (budget ${(size.budgetGzipBytes / 1024).toFixed(0)} kB gzip; Lit included).
- Open data at national scale (${rows.length.toLocaleString('en')} rows, synthetic, built in memory once per change of the public copy):

| file | build + gzip ms | size | gzip |
|---|---:|---:|---:|
| status.csv | ${csv.ms.toFixed(0)} | ${mb(csv.result.bytes)} MB | ${mb(csv.result.gzip.length)} MB |
| status.json | ${json.ms.toFixed(0)} | ${mb(json.result.bytes)} MB | ${mb(json.result.gzip.length)} MB |
| go-lives.atom (50 newest) | ${atom.ms.toFixed(0)} | ${(Buffer.byteLength(atom.result) / 1024).toFixed(1)} kB | — |

`;
const file = path.join(root, 'bench/RESULTS.md');
let text = fs.readFileSync(file, 'utf8');
const start = text.indexOf('## Public web component and open data');
if (start >= 0) {
  const next = text.indexOf('\n## ', start + 5);
  text = text.slice(0, start) + section + (next >= 0 ? text.slice(next + 1) : '');
} else text = text.trimEnd() + '\n\n' + section;
fs.writeFileSync(file, text);
console.log(section);
