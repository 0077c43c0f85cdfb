import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * What `npm start` runs, as a user gets it: the built API on an embedded
 * PGlite database in a fresh data folder, no DATABASE_URL, demo data seeded
 * on first start, data kept across a restart.
 */
const MAIN = 'apps/api/dist/apps/api/src/main.js';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function start(env: Record<string, string>): { child: ChildProcess; output: () => string; ready: Promise<void> } {
  let out = '';
  const { DATABASE_URL: _omit, ...base } = process.env;
  const child = spawn(process.execPath, [MAIN], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('Health:')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)));
  });
  return { child, output: () => out, ready };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

describe('npm start (embedded database)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'efa-start-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  // Two start-ups of the built API on PGlite (migrate + seed the demo story on the first): minutes on a loaded 2-core machine, so this test has its own budget.
  it('serves health, GraphQL with the seeded data and the console on one port, and keeps data across a restart', async () => {
    const port = await freePort();
    let token = '';
    const first = start({ PORT: String(port), DATA_DIR: dataDir });
    try {
      await first.ready;
      expect(first.output()).toContain(`http://localhost:${port}/graphql`);
      expect(first.output()).toContain('embedded PGlite');
      const health = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.json());
      expect(health).toMatchObject({ status: 'ok', database: 'ok', databaseKind: 'pglite' });

      const gql = (query: string, token?: string): Promise<any> =>
        fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query }),
        }).then((r) => r.json());
      // The embedded demo prints its demo accounts; nothing is readable without signing in.
      expect(first.output()).toMatch(/admin@demo\.invalid\s+Demo-Verwaltung-2026/);
      expect((await gql(`{ _allAuthoritiesMeta { count } }`)).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      const signIn = await gql(`mutation { signIn(email: "admin@demo.invalid", password: "Demo-Verwaltung-2026") { token } }`);
      token = signIn.data.signIn.token;
      const list = await gql(`{ _allAuthoritiesMeta { count } allStates(perPage: 16) { id code } }`, token);
      expect(list.data._allAuthoritiesMeta.count).toBe(401);
      const harz = await gql(`{ allAuthorities(filter: { q: "Harz" }) { id version } }`, token);
      const { id, version } = harz.data.allAuthorities[0];
      const edit = await gql(`mutation { updateAuthority(id: "${id}", version: ${version}, notes: "kept across restarts") { version } }`, token);
      expect(edit.errors).toBeUndefined();

      const page = await fetch(`http://127.0.0.1:${port}/`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
    } finally {
      await stop(first.child);
    }

    const second = start({ PORT: String(port), DATA_DIR: dataDir });
    try {
      await second.ready;
      expect(second.output()).not.toContain('Seeded');
      // Sessions survive a restart too (the signing key is kept in the database).
      const r: any = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: `{ allAuthorities(filter: { q: "Harz" }) { notes } }` }),
      }).then((res) => res.json());
      expect(r.data.allAuthorities[0].notes).toBe('kept across restarts');
    } finally {
      await stop(second.child);
    }
  }, 180_000);

  it('refuses a wrong configuration with a clear message', async () => {
    const bad = start({ PORT: 'eighty', DATA_DIR: dataDir });
    await expect(bad.ready).rejects.toThrow(/exited with 2:[\s\S]*PORT must be a whole number between 1 and 65535, got "eighty"/);
  });
});
