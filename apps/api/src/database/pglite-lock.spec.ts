import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lockPgliteFolder } from './data-source.js';

/** The lock file that keeps a second process off a PGlite folder (`<folder>.lock` with the process id). */
describe('PGlite folder lock', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'efa-lock-'));
  const folder = path.join(dir, 'data');
  const lockFile = `${folder}.lock`;
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is taken and released; a second lock while a live process holds it is refused naming the process', async () => {
    const release = lockPgliteFolder(folder);
    expect(fs.readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(lockFile)).toBe(false);

    // Another live process holds it.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      fs.writeFileSync(lockFile, String(other.pid));
      expect(() => lockPgliteFolder(folder)).toThrow(`is open in process ${other.pid}`);
      expect(fs.readFileSync(lockFile, 'utf8')).toBe(String(other.pid));
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('takes over the lock of a process that is gone (killed, crashed)', () => {
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    fs.writeFileSync(lockFile, gone.stdout.trim());
    const release = lockPgliteFolder(folder);
    expect(fs.readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    release();
  });
});
