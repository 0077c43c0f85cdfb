// Measures the built component (raw and gzip) into dist/size.json and fails the build above the budget.
import fs from 'node:fs';
import zlib from 'node:zlib';

export const BUDGET_GZIP_BYTES = 20 * 1024;
const file = new URL('../dist/efa-rollout-status.js', import.meta.url);
const code = fs.readFileSync(file);
const gzip = zlib.gzipSync(code, { level: 9 }).length;
const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const size = { version: pkg.version, file: 'efa-rollout-status.js', bytes: code.length, gzipBytes: gzip, budgetGzipBytes: BUDGET_GZIP_BYTES };
fs.writeFileSync(new URL('../dist/size.json', import.meta.url), JSON.stringify(size, null, 2) + '\n');
console.log(`efa-rollout-status.js ${code.length} B, ${gzip} B gzip (budget ${BUDGET_GZIP_BYTES} B)`);
if (gzip > BUDGET_GZIP_BYTES) {
  console.error(`The component is over its size budget: ${gzip} B gzip > ${BUDGET_GZIP_BYTES} B`);
  process.exit(1);
}
