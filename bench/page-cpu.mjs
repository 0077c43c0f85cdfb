// API CPU per request of the onboarding page, one request type at a time (sequential, after a warm-up):
// load-independent evidence of what each of the page's requests costs (from /proc, as bench/interactive.mjs).
// Usage: node bench/page-cpu.mjs --db efa_nat_<you> [iterations, default 100]
import { onboardingPageRequests, pageSession } from './console-requests.mjs';

const dbName = process.argv[process.argv.indexOf('--db') + 1];
const N = Number(process.argv.find((a, i) => i > 1 && /^\d+$/.test(a) && process.argv[i - 1] !== '--db') ?? 100);
const { api, gql, ra, onboarding, close } = await pageSession(dbName);
try {
  const requests = await onboardingPageRequests({ gql, ra, onboarding, before: process.argv.includes("--before") });
  let total = 0;
  for (const [name, run] of requests) {
    for (let i = 0; i < 10; i++) await run();
    const c0 = api.cpuMs();
    const t0 = performance.now();
    let bytes = 0;
    for (let i = 0; i < N; i++) bytes = (await run())?.__bytes ?? bytes;
    const cpu = (api.cpuMs() - c0) / N;
    total += cpu;
    console.log(`${name.padEnd(48)} CPU ${cpu.toFixed(2)} ms/req  wall ${((performance.now() - t0) / N).toFixed(1)} ms  ${bytes} bytes`);
  }
  console.log(`${'sum'.padEnd(48)} CPU ${total.toFixed(2)} ms/page (${requests.length} requests)`);
} finally {
  await close();
}
