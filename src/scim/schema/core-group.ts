import { defineAttribute, type ResourceTypeDefinition, type SchemaDefinition } from './attribute.js';

export const CORE_GROUP_SCHEMA_ID = 'urn:ietf:params:scim:schemas:core:2.0:Group';

/** RFC 7643 §4.2 and §8.7.1. */
export const CORE_GROUP_SCHEMA: SchemaDefinition = Object.freeze({
  id: CORE_GROUP_SCHEMA_ID,
  name: 'Group',
  description: 'Group',
  attributes: [
    // §8.7.1 says `"required": false` yet its description and §4.2 say REQUIRED; the prose wins.
    defineAttribute('displayName', {
      required: true,
      description: 'A human-readable name for the Group. REQUIRED.',
    }),
    defineAttribute('members', {
      type: 'complex',
      multiValued: true,
      description: 'A list of members of the Group.',
      subAttributes: [
        defineAttribute('value', {
          mutability: 'immutable',
          description: 'Identifier of the member of this Group.',
        }),
        // Not in §8.7.1, but RFC 7644 §3.5.2.1 sends it and IdPs (Entra, Okta) do too.
        defineAttribute('display', {
          mutability: 'immutable',
          description: 'A human-readable name of the member.',
        }),
        defineAttribute('$ref', {
          type: 'reference',
          referenceTypes: ['User', 'Group'],
          mutability: 'immutable',
          description: 'The URI corresponding to a SCIM resource that is a member of this Group.',
        }),
        defineAttribute('type', {
          canonicalValues: ['User', 'Group'],
          mutability: 'immutable',
          description: "A label indicating the type of resource, e.g., 'User' or 'Group'.",
        }),
      ],
    }),
  ],
});

export const GROUP_RESOURCE_TYPE: ResourceTypeDefinition = Object.freeze({
  id: 'Group',
  name: 'Group',
  endpoint: '/Groups',
  description: 'Group',
  schema: CORE_GROUP_SCHEMA_ID,
  schemaExtensions: [],
});
