import { describe, expect, it } from 'vitest';
import { parseRoute, routePath, type Route } from './router';

describe('routes', () => {
  const cases: Array<[string, string, Route]> = [
    ['/', '', { name: 'portfolio' }],
    ['/clients/42', '', { name: 'client', id: '42' }],
    ['/matrix', '?client=7', { name: 'matrix', client: '7' }],
    ['/matrix', '', { name: 'matrix' }],
    ['/gaps', '?kind=GAP,OVERPROMISED&client=3', { name: 'gaps', kinds: ['GAP', 'OVERPROMISED'], client: '3' }],
    ['/services', '', { name: 'services' }],
    ['/services/5', '', { name: 'service', id: '5' }],
    ['/impact', '?service=8', { name: 'impact', service: '8' }],
    ['/promise', '', { name: 'promise' }],
    ['/review', '', { name: 'review' }],
    ['/sources', '', { name: 'sources' }],
    ['/sources', '?service=4', { name: 'sources', service: '4' }],
    ['/reports', '', { name: 'reports' }],
    ['/import', '', { name: 'import' }],
    ['/signin', '', { name: 'signin' }],
    ['/account', '', { name: 'account' }],
    ['/users', '', { name: 'users' }],
    ['/invitation', '', { name: 'invitation' }],
    ['/password-reset', '', { name: 'password-reset' }],
    ['/setup', '', { name: 'setup' }],
  ];
  it.each(cases)('reads %s%s', (path, search, route) => {
    expect(parseRoute(path, search)).toEqual(route);
  });
  it.each(cases)('writes back %s%s', (path, search, route) => {
    expect(routePath(route)).toBe(path + search);
  });
  it('ignores a trailing slash and tells unknown paths', () => {
    expect(parseRoute('/services/')).toEqual({ name: 'services' });
    expect(parseRoute('/nowhere')).toEqual({ name: 'notfound', path: '/nowhere' });
    expect(parseRoute('/clients/1/extra/deep')).toEqual({ name: 'notfound', path: '/clients/1/extra/deep' });
  });
  it('escapes ids', () => {
    expect(routePath({ name: 'client', id: 'a/b' })).toBe('/clients/a%2Fb');
    expect(parseRoute('/clients/a%2Fb')).toEqual({ name: 'client', id: 'a/b' });
  });
});
