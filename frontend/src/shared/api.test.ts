import { describe, expect, it } from 'vitest';
import { variableField } from './api';

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
