import { describe, expect, it } from 'vitest';
import { keepDeclared, operationChoices, parseObject, pickOperation, titleOf } from './draft';

describe('the operation to save', () => {
  it('keeps the editor text as it is when it holds one query', () => {
    const text = '# Clients\nquery Clients($first: Int) {\n  clients(first: $first) { nodes { name } }\n}\n';
    expect(pickOperation(text, null)).toEqual({ ok: true, query: text.trim(), operationName: 'Clients', declared: ['first'] });
    expect(pickOperation('{ portfolio { score } }', 'Whatever')).toEqual({ ok: true, query: '{ portfolio { score } }', operationName: null, declared: [] });
  });
  it('keeps the chosen query and the fragments it uses when there are several operations', () => {
    const text = `query A { clients { nodes { ...C } } }
query B($id: ID!) { client(id: $id) { ...D } }
fragment C on Client { name ...E }
fragment D on Client { id }
fragment E on Client { status }`;
    const picked = pickOperation(text, 'A');
    expect(picked.ok).toBe(true);
    if (!picked.ok) return;
    expect(picked.operationName).toBe('A');
    expect(picked.declared).toEqual([]);
    expect(picked.query).toContain('query A');
    expect(picked.query).toContain('fragment C on Client');
    expect(picked.query).toContain('fragment E on Client');
    expect(picked.query).not.toContain('query B');
    expect(picked.query).not.toContain('fragment D');
    const b = pickOperation(text, 'B');
    expect(b.ok && b.declared).toEqual(['id']);
  });
  it('drops fragments the single query does not use', () => {
    const picked = pickOperation('query A { clients { nodes { id } } }\nfragment X on Client { name }', null);
    expect(picked.ok && picked.query).toBe('query A {\n  clients {\n    nodes {\n      id\n    }\n  }\n}');
  });
  it('says what is wrong before asking the server', () => {
    expect(pickOperation('  ', null)).toEqual({ ok: false, error: expect.stringMatching(/empty/) });
    expect(pickOperation('query A { a } query B { b }', null)).toEqual({ ok: false, error: expect.stringMatching(/choose/) });
    expect(pickOperation('query A { a } query B { b }', 'C')).toEqual({ ok: false, error: expect.stringMatching(/choose/) });
    expect(pickOperation('mutation M { deleteReport(slug: "x") }', null)).toEqual({ ok: false, error: 'A report runs a query; “M” is a mutation.' });
    expect(pickOperation('fragment F on Client { id }', null)).toEqual({ ok: false, error: expect.stringMatching(/no operation/) });
  });
  it('passes text that does not parse on to the server', () => {
    expect(pickOperation('query { clients { ', null)).toEqual({ ok: true, query: 'query { clients {', operationName: null, declared: null });
  });
  it('lists the operations for the dialog', () => {
    expect(operationChoices('query A { a } mutation B { b } { c }')).toEqual([
      { name: 'A', kind: 'query' },
      { name: 'B', kind: 'mutation' },
      { name: null, kind: 'query' },
    ]);
    expect(operationChoices('query {')).toEqual([]);
  });
});

describe('variables', () => {
  it('reads the variables editor', () => {
    expect(parseObject('', 'Variables')).toEqual({ ok: true, value: {} });
    expect(parseObject(' {"first": 100} ', 'Variables')).toEqual({ ok: true, value: { first: 100 } });
    expect(parseObject('[1]', 'Variables')).toEqual({ ok: false, error: 'Variables must be a JSON object, such as {"first": 100}.' });
    expect(parseObject('{first: 1}', 'Variables')).toEqual({ ok: false, error: expect.stringMatching(/^Variables are not valid JSON/) });
  });
  it('keeps the ones the operation declares', () => {
    expect(keepDeclared({ first: 1, id: '2' }, ['first'])).toEqual({ first: 1 });
    expect(keepDeclared({ first: 1 }, null)).toEqual({ first: 1 });
  });
});

describe('titles', () => {
  it('makes a title of an operation name', () => {
    expect(titleOf('GapsByClient')).toBe('Gaps by client');
    expect(titleOf('ClientsOverview')).toBe('Clients overview');
    expect(titleOf('top_10_gaps')).toBe('Top 10 gaps');
    expect(titleOf('ACVByClient')).toBe('ACV by client');
    expect(titleOf(null)).toBe('');
  });
});
