import { describe, expect, test } from 'vitest';
import { servedByServer } from './navigation';

describe('servedByServer', () => {
  test.each([
    '/api/oidc/start',
    '/api/export/gaps.csv',
    '/api/import/template',
    '/graphiql',
    '/graphql',
    '/schema.graphql',
    '/healthz',
    '/readyz',
    '/reports/gaps.csv',
  ])('%s is the server’s: the browser follows the link', (path) => {
    expect(servedByServer(path)).toBe(true);
  });

  test.each(['/', '/clients/2', '/gaps', '/reports', '/account', '/users', '/import', '/apis'])(
    '%s is a view: the app navigates to it',
    (path) => {
      expect(servedByServer(path)).toBe(false);
    },
  );
});
