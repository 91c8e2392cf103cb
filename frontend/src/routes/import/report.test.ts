import { describe, expect, test } from 'vitest';
import { changeCount, headline, placeOf, readAnswer, type ImportReport } from './report';

const report = (over: Partial<ImportReport>): ImportReport => ({
  id: 'import-1',
  dryRun: true,
  applied: false,
  prune: false,
  sheets: [{ sheet: 'Clients', rows: 3, created: 2, updated: 1, unchanged: 0, deleted: 0, leftAlone: 4 }],
  changes: [],
  problems: [],
  notices: [],
  ...over,
});

describe('import report', () => {
  test('a place names the sheet, then the row and column when known', () => {
    expect(placeOf({ sheet: 'Requirements', row: 14, column: 'coveragePercent' })).toBe('Requirements, row 14, column coveragePercent');
    expect(placeOf({ sheet: 'map.xlsx', row: 0, column: '' })).toBe('map.xlsx');
  });
  test('the headline says what would happen, what happened, or that nothing was written', () => {
    expect(changeCount(report({}))).toBe(3);
    expect(headline(report({}))).toBe('Dry run: 3 changes would be made. Nothing is written until you import.');
    expect(headline(report({ applied: true, dryRun: false }))).toBe('Imported: 3 changes written.');
    expect(headline(report({ problems: [{ sheet: 'Clients', row: 2, column: 'status', message: 'x' }] }))).toBe(
      '1 problem: nothing was written. Fix the file and run the dry run again.',
    );
  });
  test('a refused request gives its message', async () => {
    const res = new Response(JSON.stringify({ errors: [{ message: 'importing needs the EDITOR role' }] }), { status: 403 });
    await expect(readAnswer(res)).rejects.toThrow('importing needs the EDITOR role');
  });
});
