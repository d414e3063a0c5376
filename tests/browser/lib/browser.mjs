// Shared pieces of the browser tests: Debian's chromium driven through
// playwright-core, `retain serve` on a free port of 127.0.0.1, the retain
// command line, and a temporary folder per test file.
//
//   const retain = retainCli(process.env.RETAIN_BIN, dir);
//   const server = await startServer(retain.binary, retain.db);
//   const browser = await launchBrowser();
//   ...
//   await browser.close();
//   await server.stop();
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

// Debian's chromium; RETAIN_CHROMIUM names another one.
export const chromiumPath = process.env.RETAIN_CHROMIUM || '/usr/bin/chromium';

// Flags for a machine without a network beyond localhost: nothing that
// phones home (its connections are refused here and would slow every start).
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// A headless chromium. playwright-core gives every launch a new empty
// profile in a temporary folder and removes it on close().
export async function launchBrowser() {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}

// A new temporary folder for one test file; remove() deletes it unless the
// run failed or RETAIN_BROWSER_KEEP=1 (its path is printed then).
export function tempFolder(prefix) {
  const path = mkdtempSync(join(tmpdir(), `retain-${prefix}-`));
  return {
    path,
    remove(failed) {
      if (failed || process.env.RETAIN_BROWSER_KEEP === '1') {
        console.log(`kept ${path} (screenshots, server log)`);
      } else {
        rmSync(path, { recursive: true, force: true });
      }
    },
  };
}

// The retain binary (RETAIN_BIN, an absolute path after resolve) run on the
// database `db` in folder `cwd`, English messages. run(...args) returns
// stdout and throws with stderr on a non-zero exit; json(...args) parses it.
export function retainCli(binary, cwd, db = join(cwd, 'retain.db')) {
  if (!binary) throw new Error('RETAIN_BIN must name the retain binary');
  const abs = resolve(binary);
  const run = (...args) => {
    try {
      return execFileSync(abs, ['--db', db, '--lang', 'en', ...args], {
        cwd,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (e) {
      throw new Error(`retain ${args.join(' ')} failed (exit ${e.status}):\n${e.stderr}${e.stdout}`);
    }
  };
  return { binary: abs, db, run, json: (...args) => JSON.parse(run(...args)) };
}

// Starts `retain --db DB serve --listen 127.0.0.1:0 [--config CONFIG]` and
// waits until GET /healthz answers 200. Returns { url, log(), stop() }: url
// without a trailing slash; stop() sends SIGTERM and waits for the exit
// (SIGKILL after 10 s). Rejects when the server exits or is not ready in 20 s.
export async function startServer(retainBinary, db, config) {
  const args = ['--db', db, 'serve', '--listen', '127.0.0.1:0'];
  if (config) args.push('--config', config);
  // RETAIN_WEB_DIR=web: the dashboard's files from the source tree (no rebuild).
  if (process.env.RETAIN_WEB_DIR) args.push('--web-dir', resolve(process.env.RETAIN_WEB_DIR));
  const child = spawn(resolve(retainBinary), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
  const exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
  let gone = null;
  exited.then((e) => (gone = e));
  const log = () => `stdout:\n${out}\nstderr:\n${err}`;
  const stop = async () => {
    if (gone) return gone;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const e = await exited;
    clearTimeout(timer);
    return e;
  };
  const deadline = Date.now() + 20_000;
  let url = null;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`retain serve exited (${gone.code ?? gone.signal}):\n${log()}`);
    url ??= out.match(/http:\/\/[0-9.]+:[0-9]+/)?.[0] ?? null;
    if (url) {
      try {
        const r = await fetch(`${url}/healthz`);
        if (r.status === 200) return { url, log, stop };
      } catch {
        // not listening yet
      }
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  await stop();
  throw new Error(`retain serve was not ready within 20 s:\n${log()}`);
}
