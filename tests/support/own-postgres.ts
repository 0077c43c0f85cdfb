import { execFile, execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A PostgreSQL cluster of the test's own (initdb into a temporary folder, its own port), for fault
 * tests that stop and start the server: the machine's server on 5432 is never touched. The
 * binaries come from PG_BIN or the newest /usr/lib/postgresql/<version>/bin. PostgreSQL refuses to
 * run as root, so as root (CI) the server runs as the `postgres` OS user (runuser).
 */
export interface OwnPostgres {
  port: number;
  /** Connection string of a database of this cluster (trust authentication, user postgres). */
  url(database?: string): string;
  start(): Promise<void>;
  /** pg_ctl stop: `fast` ends sessions cleanly, `immediate` kills the server (crash recovery at the next start). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Stops the server (if running) and deletes the folder. */
  destroy(): void;
  log(): string;
}

export function postgresBinaries(): string | undefined {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], 'bin') : undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Why an own cluster cannot be made here (no binaries, no postgres user as root), or undefined when it can. */
export function ownPostgresUnavailable(): string | undefined {
  const bin = postgresBinaries();
  if (!bin) return 'no PostgreSQL server binaries (initdb, pg_ctl) found in /usr/lib/postgresql/*/bin; install the postgresql package or set PG_BIN';
  if (process.getuid?.() === 0 && spawnSync('id', ['-u', 'postgres']).status !== 0) return 'running as root, but there is no `postgres` OS user to run the server as';
  return undefined;
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const problem = ownPostgresUnavailable();
  if (problem) throw new Error(`cannot start a PostgreSQL cluster of the test's own: ${problem}`);
  const bin = postgresBinaries()!;
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'efa-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    fs.chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  const port = await freePort();
  const command = (tool: string, args: string[]): [string, string[]] => (asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]] : [path.join(bin, tool), args]);
  const failed = (tool: string, args: string[], why: string) => new Error(`${tool} ${args.join(' ')} failed: ${why}\n${fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-2000) : ''}`);
  const runSync = (tool: string, args: string[], timeoutMs = 60_000) => {
    const [cmd, argv] = command(tool, args);
    const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: timeoutMs });
    if (r.status !== 0) throw failed(tool, args, `${r.status ?? r.signal}: ${r.stderr || r.stdout}`);
  };
  // Asynchronous, so that the test's own requests keep running while the server stops or starts.
  const run = (tool: string, args: string[], timeoutMs = 90_000) =>
    new Promise<void>((resolve, reject) => {
      const [cmd, argv] = command(tool, args);
      execFile(cmd, argv, { timeout: timeoutMs }, (e, stdout, stderr) => (e ? reject(failed(tool, args, `${e.message}: ${stderr || stdout}`)) : resolve()));
    });
  runSync('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--locale=C']);
  // Only TCP on 127.0.0.1 and this port; the socket in the test's own folder. fsync off: the data only
  // has to survive the server stopping, not the machine.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
  const cluster: OwnPostgres = {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async start() {
      await run('pg_ctl', ['-D', data, '-o', options, '-l', logFile, '-w', '-t', '60', 'start']);
      // pg_ctl -w waits for the server; make sure TCP answers too.
      const deadline = Date.now() + 30_000;
      for (;;) {
        const client = new pg.Client({ connectionString: cluster.url(), connectionTimeoutMillis: 2000 });
        try {
          await client.connect();
          await client.query('SELECT 1');
          return;
        } catch (e) {
          if (Date.now() > deadline) throw new Error(`own PostgreSQL on port ${port} did not answer: ${(e as Error).message}`);
          await new Promise((r) => setTimeout(r, 100));
        } finally {
          await client.end().catch(() => undefined);
        }
      }
    },
    async stop(mode = 'fast') {
      await run('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
    },
    destroy() {
      try {
        if (fs.existsSync(path.join(data, 'postmaster.pid'))) runSync('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '60', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''),
  };
  await cluster.start();
  return cluster;
}
