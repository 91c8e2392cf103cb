// Makes sure the web assets the Go server embeds (frontend/dist) are built and
// current: installs the locked dependencies when they are missing or older
// than package-lock.json, and builds when any source is newer than the build.
// `npm start` and `npm test` at the top of the repository run it first.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const force = process.argv.includes('--force');

function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

// newest returns the latest modification time of the files under path.
function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), st.mtimeMs);
}

function run(command, env = process.env) {
  console.log(`frontend: ${command}`);
  execSync(command, { cwd: root, stdio: 'inherit', env });
}

const installed = join(root, 'node_modules', '.package-lock.json');
if (force || mtime(installed) < mtime(join(root, 'package-lock.json'))) {
  run('npm ci --no-audit --no-fund');
}

// The build is there when its pages and the Go file that embeds them are.
const built = Math.min(mtime(join(root, 'dist', 'index.html')), mtime(join(root, 'dist.go')));
const sources = Math.max(
  ...['src', 'index.html', 'graphiql.html', 'vite.config.ts', 'tsconfig.json', 'package-lock.json', '../graph/schema']
    .map((p) => newest(join(root, p))),
);
if (force || built === 0 || sources > built) {
  // Always the production build: started from the browser tests, this
  // process has Vitest's NODE_ENV=test, with which Vite would compile JSX in
  // development mode (larger, with source paths) into the assets the server embeds.
  run('npm run build', { ...process.env, NODE_ENV: 'production' });
} else {
  console.log('frontend: dist/ is up to date');
}
