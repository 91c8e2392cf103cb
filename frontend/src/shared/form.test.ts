import { describe, expect, it } from 'vitest';
import { fieldError, formError } from './form';

describe('fieldError', () => {
  it('shows the message at the field the problem names, without the API name', () => {
    const p = { message: 'annualContractValue must have at most two decimal places', field: 'annualContractValue' };
    expect(fieldError(p, 'annualContractValue')).toBe('Must have at most two decimal places');
    expect(fieldError(p, 'name')).toBeUndefined();
  });
  it('matches paths under the field and keeps other wording', () => {
    const p = { message: 'unknown metric "uptime"; known metrics: availability', field: 'targets.0.metric' };
    expect(fieldError(p, 'targets')).toBe(p.message);
    expect(fieldError({ message: 'x', field: 'targetsExtra' }, 'targets')).toBeUndefined();
  });
  it('finds nothing without a field', () => {
    expect(fieldError({ message: 'the server does not answer' }, 'name')).toBeUndefined();
    expect(fieldError(null, 'name')).toBeUndefined();
  });
});

describe('formError', () => {
  it('shows above the form only what no field shows', () => {
    expect(formError({ message: 'bad slug', field: 'slug' }, ['slug', 'title'])).toBeUndefined();
    expect(formError({ message: 'forbidden' }, ['slug'])).toBe('forbidden');
    expect(formError({ message: 'x', field: 'query' }, ['slug'])).toBe('x');
  });
});
