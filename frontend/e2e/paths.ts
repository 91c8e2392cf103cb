// Where things are, relative to this file: CI runs on a fresh clone anywhere.
import { fileURLToPath } from 'node:url';

/** The frontend directory (frontend/). */
export const frontendDir = fileURLToPath(new URL('..', import.meta.url));

/** The repository (the Go module the server is built from). */
export const repoDir = fileURLToPath(new URL('../..', import.meta.url));

/** Test artifacts (git-ignored): screenshots and the server's log. */
export const resultsDir = fileURLToPath(new URL('../test-results', import.meta.url));

/** Where screenshots go: test-results/screenshots/<name>.png. */
export const screenshotsDir = fileURLToPath(new URL('../test-results/screenshots', import.meta.url));
