// The global setup of the browser tests: builds the web assets and the Go
// server from this repository, starts the server on a fresh SQLite database
// with the demo portfolio and a random admin token, hands its address and
// token to the tests, and stops it at the end.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { TestProject } from 'vitest/node';
import { browserRequired, CHROMIUM, CHROMIUM_MISSING } from './chromium';
import { frontendDir, repoDir, resultsDir, screenshotsDir } from './paths';

/** What the tests get: the server, or why they are skipped, or why they fail. */
export type E2E = { baseURL: string; token: string; sso: SSOUser } | { skip: string } | { fail: string };

/** The user of the test OpenID provider the server signs in through (single sign-on). */
export interface SSOUser {
  login: string;
  password: string;
  email: string;
  name: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2E;
  }
}

/** The line the server prints on standard output once it listens. */
const RUNNING = /Alliance is running at (http:\/\/[^\s/]+)\//;

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  if (!existsSync(CHROMIUM)) {
    if (browserRequired()) {
      // Each test file then fails with this message (a global setup that
      // throws would only make Vitest say it found no test files).
      const fail = `${CHROMIUM_MISSING} (ALLIANCE_REQUIRE_BROWSER=1: the browser tests may not be skipped)`;
      console.error(`\n${fail}\n`);
      project.provide('e2e', { fail });
    } else {
      console.warn(`\n${CHROMIUM_MISSING}. Skipping them.\n`);
      project.provide('e2e', { skip: CHROMIUM_MISSING });
    }
    return;
  }

  await rm(screenshotsDir, { recursive: true, force: true });
  await mkdir(screenshotsDir, { recursive: true });

  // The binary embeds frontend/dist: build the web assets first (only when stale).
  run('node', ['scripts/ensure-built.mjs'], frontendDir);
  const dir = await mkdtemp(join(tmpdir(), 'alliance-e2e-'));
  const binary = join(dir, 'alliance');
  run('go', ['build', '-o', binary, './server'], repoDir);

  const token = randomBytes(24).toString('base64url'); // 32 characters
  // Single sign-on goes through a real OpenID provider on loopback (a test
  // tool of the repository, not part of the alliance program).
  const providerBinary = join(dir, 'oidc-provider');
  run('go', ['build', '-o', providerBinary, './server/internal/oidctest/cmd/oidc-provider'], repoDir);
  const oidcSecret = randomBytes(24).toString('base64url');
  const sso: SSOUser = { login: 'sso-grace', password: randomBytes(12).toString('base64url'), email: 'grace@example.com', name: 'Grace Hopper' };
  const provider = await startProvider(providerBinary, oidcSecret, sso);
  const server = await startServer(binary, dir, token, ['--oidc-issuer', provider.url, '--oidc-client-id', 'alliance-e2e',
    '--oidc-name', 'Test provider', '--oidc-role-claim', 'groups', '--oidc-roles', 'sales=editor'], { ALLIANCE_OIDC_CLIENT_SECRET: oidcSecret });
  console.log(`e2e: Alliance is running at ${server.url}/ (log: test-results/e2e-server.log), signing in through ${provider.url}`);
  project.provide('e2e', { baseURL: server.url, token, sso });

  return async () => {
    await server.stop();
    await provider.stop();
    await rm(dir, { recursive: true, force: true });
  };
}

/** Runs a command to its end, its output shown; throws when it fails. */
function run(command: string, args: string[], cwd: string): void {
  console.log(`e2e: ${command} ${args.join(' ')}  (in ${cwd})`);
  const r = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (r.error) throw new Error(`${command}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit status ${r.status ?? r.signal})`);
}

interface Server {
  url: string;
  stop: () => Promise<void>;
}

/**
 * Starts the server and waits until it says where it listens and /readyz
 * answers. Its standard output and error go to test-results/e2e-server.log.
 */
async function startServer(binary: string, dir: string, token: string, args: string[], vars: Record<string, string>): Promise<Server> {
  await mkdir(resultsDir, { recursive: true });
  const logPath = join(resultsDir, 'e2e-server.log');
  const log = createWriteStream(logPath);
  // Only what the test sets: no ALLIANCE_* setting of the caller's shell
  // (a database, a public URL, auth off) leaks into the server.
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('ALLIANCE_')));
  env.ALLIANCE_BOOTSTRAP_TOKEN = token;
  Object.assign(env, vars);
  const child = spawn(binary, ['--db', `sqlite:${join(dir, 'e2e.db')}`, '--demo', '--addr', '127.0.0.1:0', ...args], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.stderr?.pipe(log, { end: false });

  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await new Promise<void>((resolve) => log.end(resolve));
  };

  try {
    const url = await readURL(child, log);
    await waitReady(url, child);
    return { url, stop };
  } catch (e) {
    await stop();
    const tail = (await readFile(logPath, 'utf8').catch(() => '')).split('\n').slice(-20).join('\n');
    throw new Error(`${(e as Error).message}\nThe server's log (${logPath}) ends with:\n${tail}`);
  }
}

/** The line the test OpenID provider prints once it listens. */
const PROVIDER_RUNNING = /OpenID provider running at (http:\/\/\S+)/;

/** Starts the test OpenID provider with one user (in the group sales), for any redirect back to loopback. */
async function startProvider(binary: string, secret: string, user: SSOUser): Promise<Server> {
  const child = spawn(
    binary,
    ['--client-id', 'alliance-e2e', '--client-secret', secret, '--redirect', 'http://127.0.0.1:*/api/oidc/callback',
      '--user', `${user.login}:${user.password}:${user.email}:${user.name}:staff,sales`],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  try {
    return { url: await readURL(child, process.stdout, PROVIDER_RUNNING), stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Reads the server's standard output until the line with its URL. */
function readURL(child: ChildProcess, log: NodeJS.WritableStream, running: RegExp = RUNNING): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error('the server did not say where it listens within 60 s')), 60_000);
    const onExit = (code: number | null, signal: string | null) => {
      clearTimeout(timer);
      reject(new Error(`the server stopped before it listened (exit status ${code ?? signal})`));
    };
    child.once('exit', onExit);
    lines.on('line', (line) => {
      log.write(`${line}\n`);
      const m = running.exec(line);
      if (m?.[1]) {
        clearTimeout(timer);
        child.removeListener('exit', onExit);
        resolve(m[1]);
      }
    });
  });
}

/** Waits until /readyz answers 200: the database answers, its schema current. */
async function waitReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  let last = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server stopped (exit status ${child.exitCode})`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url}/readyz did not answer 200 within 30 s (last: ${last})`);
}
