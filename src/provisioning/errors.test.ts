import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROVISIONING_ERROR_CODES, ProvisioningError } from './errors.js';
import { ExpressionEvaluationError, ExpressionSyntaxError } from './expressions/index.js';
import { MappingValidationError } from './mapping/index.js';
import { SecretDecryptionError, SecretKeyError } from './secrets/index.js';
import { CycleAbortedError, UniqueValueError } from './cycle/index.js';

const doc = readFileSync(new URL('../../docs/reference/errors.md', import.meta.url), 'utf8');

describe('provisioning error codes', () => {
  it('documents every registry code with its status', () => {
    for (const [code, { status }] of Object.entries(PROVISIONING_ERROR_CODES)) {
      expect(doc, code).toMatch(new RegExp(`^\\| \`${code}\` +\\| ${status} +\\|`, 'm'));
    }
  });

  it('documents the code of every engine error class', () => {
    const codes = [
      new ExpressionSyntaxError('x', 0, 'x').code,
      new ExpressionEvaluationError('Left', 'x').code,
      new MappingValidationError([]).code,
      new SecretKeyError('x').code,
      new SecretDecryptionError('x').code,
      new CycleAbortedError('x').code,
      new UniqueValueError('x').code,
    ];
    for (const code of codes) expect(doc, code).toMatch(new RegExp(`^\\| \`${code}\` +\\|`, 'm'));
  });

  it('fills templates and keeps issues', () => {
    const error = new ProvisioningError(
      'SCIMSYNC_ERR_PROVISIONING_NOT_CONFIGURED',
      { application: 'Jira' },
      { issues: [{ path: 'users', message: 'm' }] },
    );
    expect(error.message).toContain('application "Jira" has no provisioning job yet');
    expect(error.status).toBe(404);
    expect(error.issues).toEqual([{ path: 'users', message: 'm' }]);
  });
});
