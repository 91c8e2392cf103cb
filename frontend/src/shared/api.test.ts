import { createRequest, gql, makeOperation, type OperationContext } from '@urql/core';
import { describe, expect, it } from 'vitest';
import { retryingWhenBusy, variableField, withSessionVariables } from './api';

describe('withSessionVariables', () => {
  const context = { url: '/graphql', requestPolicy: 'network-only' } as OperationContext;
  const op = (query: string, variables: Record<string, unknown>) => makeOperation('query', createRequest(gql(query), variables), context);
  it("sends the session's internal to an operation that declares it, over what the view passed", () => {
    const declared = op('query Q($id: ID!, $internal: Boolean! = true) { client(id: $id) { monthlyMargin @include(if: $internal) } }', { id: '2', internal: true });
    const sent = withSessionVariables(declared, { internal: false });
    expect(sent.variables).toEqual({ id: '2', internal: false });
    expect(sent.key).toBe(declared.key);
    expect(withSessionVariables(declared, { internal: true }).variables).toEqual({ id: '2', internal: true });
  });
  it('leaves an operation that does not declare it as it is', () => {
    const plain = op('query Me { me { name } }', {});
    expect(withSessionVariables(plain, { internal: false })).toBe(plain);
  });
});

describe('variableField', () => {
  it('reads the input field of a variable-validation error', () => {
    expect(variableField(['variable', 'input', 'capacity'])).toBe('capacity');
    expect(variableField(['variable', 'input', 'targets', 1, 'value'])).toBe('targets.1.value');
  });
  it('names nothing for other paths', () => {
    expect(variableField(['createClient'])).toBeUndefined();
    expect(variableField(undefined)).toBeUndefined();
    expect(variableField(['variable', 'input'])).toBeUndefined();
  });
});

describe('retryingWhenBusy', () => {
  const answer = (status: number, retryAfter?: string) =>
    new Response('{}', { status, headers: retryAfter === undefined ? {} : { 'Retry-After': retryAfter } });
  it('asks again after the Retry-After of a 429, then gives the answer', async () => {
    const statuses = [429, 429, 200];
    const waits: number[] = [];
    const f = retryingWhenBusy(async () => answer(statuses.shift()!, '1'), { sleep: async (ms) => void waits.push(ms) });
    expect((await f('/graphql')).status).toBe(200);
    expect(waits).toEqual([1000, 1000]);
  });
  it('gives up after the attempts, and at once when the wait is long', async () => {
    let calls = 0;
    const busy = retryingWhenBusy(async () => (calls++, answer(429, '1')), { attempts: 3, sleep: async () => {} });
    expect((await busy('/graphql')).status).toBe(429);
    expect(calls).toBe(3);
    calls = 0;
    const long = retryingWhenBusy(async () => (calls++, answer(429, '120')), { sleep: async () => {} });
    expect((await long('/graphql')).status).toBe(429);
    expect(calls).toBe(1);
  });
  it('leaves every other answer alone', async () => {
    let calls = 0;
    const f = retryingWhenBusy(async () => (calls++, answer(500)), { sleep: async () => {} });
    expect((await f('/graphql')).status).toBe(500);
    expect(calls).toBe(1);
  });
});
