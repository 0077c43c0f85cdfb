import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './own-postgres.js';

/** The built API as `npm start` runs it (apps/api/dist/.../main.js), as a child process. */
const MAIN = 'apps/api/dist/apps/api/src/main.js';

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  base: string;
  output(): string;
  /** Resolves when the server prints that it is running; rejects if it exits first or takes longer than timeoutMs. */
  ready: Promise<void>;
  /** Resolves with the exit code (or the signal) when the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL if still running (cleanup). */
  kill(): void;
}

export async function startServer(env: Record<string, string>, timeoutMs = 120_000): Promise<ServerProcess> {
  const port = await freePort();
  let out = '';
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, LOG_FORMAT: 'json', PORT: String(port), HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('Health:')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code ?? signal}:\n${out}`));
    });
  });
  ready.catch(() => undefined);
  return {
    child,
    port,
    base: `http://127.0.0.1:${port}`,
    output: () => out,
    ready,
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** A GraphQL request with a time limit of its own: never waits forever. */
export async function gqlWithin(base: string, query: string, variables: Record<string, unknown> = {}, options: { token?: string; timeoutMs?: number } = {}) {
  const started = Date.now();
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
  });
  const body = (await res.json()) as { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
  return { status: res.status, body, ms: Date.now() - started };
}

/** Polls until the condition holds, at most timeoutMs. */
export async function waitFor(what: string, condition: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Whether a TCP connection to the port is refused (the server no longer listens). */
export async function refused(port: number): Promise<boolean> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED'));
  });
}

/** The promise's value, or an error naming what did not happen within timeoutMs (the timer is cleared either way). */
export async function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not within ${timeoutMs} ms`)), timeoutMs)))]);
  } finally {
    clearTimeout(timer);
  }
}
