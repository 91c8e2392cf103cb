import { describe, expect, it } from 'vitest';
import { backupFileName, backupUrl, exportFileName, exportUrl } from './exportUrl';

describe('exportUrl', () => {
  it('passes the filters as JSON and leaves out empty ones', () => {
    expect(exportUrl('gaps', 'csv', { filter: { kinds: ['GAP'], clientId: '2' } })).toBe(
      '/api/export/gaps.csv?filter=' + encodeURIComponent('{"kinds":["GAP"],"clientId":"2"}'),
    );
    expect(exportUrl('gaps', 'xlsx', { filter: { kinds: null, clientId: null } })).toBe('/api/export/gaps.xlsx');
    expect(exportUrl('clients', 'csv', { filter: { search: '', status: [] }, orderBy: { field: 'NAME', direction: 'ASC' } })).toBe(
      '/api/export/clients.csv?orderBy=' + encodeURIComponent('{"field":"NAME","direction":"ASC"}'),
    );
  });
  it('passes ids as text', () => {
    expect(exportUrl('map', 'csv', { id: '7' })).toBe('/api/export/map.csv?id=7');
  });
  it('names the file after the list and its subject', () => {
    expect(exportFileName('map', 'xlsx', '7')).toBe('map-7.xlsx');
    expect(exportFileName('gaps', 'csv')).toBe('gaps.csv');
  });
});

describe('backupUrl', () => {
  it('is the whole map, or a client part', () => {
    expect(backupUrl()).toBe('/api/export/all.json');
    expect(backupUrl('3')).toBe('/api/export/all.json?client=3');
    expect(backupFileName('3')).toBe('alliance-export-client-3.json');
  });
});
