import { defineAttribute, type AttributeDefinition } from './attribute.js';

/** Attributes every resource has, whatever its schema (RFC 7643 §3.1). */
export const COMMON_ATTRIBUTES: readonly AttributeDefinition[] = Object.freeze([
  defineAttribute('id', {
    caseExact: true,
    mutability: 'readOnly',
    returned: 'always',
    uniqueness: 'server',
  }),
  defineAttribute('externalId', { caseExact: true }),
  defineAttribute('meta', {
    type: 'complex',
    mutability: 'readOnly',
    subAttributes: [
      defineAttribute('resourceType', { caseExact: true, mutability: 'readOnly' }),
      defineAttribute('created', { type: 'dateTime', mutability: 'readOnly' }),
      defineAttribute('lastModified', { type: 'dateTime', mutability: 'readOnly' }),
      defineAttribute('location', {
        type: 'reference',
        referenceTypes: ['uri'],
        caseExact: true,
        mutability: 'readOnly',
      }),
      defineAttribute('version', { caseExact: true, mutability: 'readOnly' }),
    ],
  }),
]);
