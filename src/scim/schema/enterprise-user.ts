import { defineAttribute, type SchemaDefinition } from './attribute.js';

export const ENTERPRISE_USER_SCHEMA_ID = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** RFC 7643 §4.3 and §8.7.1. */
export const ENTERPRISE_USER_SCHEMA: SchemaDefinition = Object.freeze({
  id: ENTERPRISE_USER_SCHEMA_ID,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    defineAttribute('employeeNumber', {
      description:
        'Numeric or alphanumeric identifier assigned to a person, typically based on order of hire or association with an organization.',
    }),
    defineAttribute('costCenter', { description: 'Identifies the name of a cost center.' }),
    defineAttribute('organization', { description: 'Identifies the name of an organization.' }),
    defineAttribute('division', { description: 'Identifies the name of a division.' }),
    defineAttribute('department', { description: 'Identifies the name of a department.' }),
    defineAttribute('manager', {
      type: 'complex',
      description:
        "The User's manager.  A complex type that optionally allows service providers to represent organizational hierarchy by referencing the 'id' attribute of another User.",
      subAttributes: [
        defineAttribute('value', {
          description: "The id of the SCIM resource representing the User's manager.  REQUIRED.",
        }),
        defineAttribute('$ref', {
          type: 'reference',
          referenceTypes: ['User'],
          description: "The URI of the SCIM resource representing the User's manager.  REQUIRED.",
        }),
        defineAttribute('displayName', {
          mutability: 'readOnly',
          description: "The displayName of the User's manager.  OPTIONAL and READ-ONLY.",
        }),
      ],
    }),
  ],
});
