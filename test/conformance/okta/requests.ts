/**
 * The requests Okta sends to a SCIM 2.0 server, kept byte for byte as Okta documents them in
 * "SCIM 2.0 Protocol Reference" (developer.okta.com/docs/reference/scim/scim-20/, "Okta and SCIM
 * Version 2.0"). Paths are relative to the SCIM base URL (the documentation's `/scim/v2`); the
 * ids are the documentation's placeholders, swapped for real ids with `fill()` at run time.
 */
export { fill, type DocumentedRequest } from '../entra/requests.js';
import type { DocumentedRequest } from '../entra/requests.js';

/** SCIM User operations → Create Users → Determine if the User already exists (already URL-encoded). */
export const FIND_USER: DocumentedRequest = {
  method: 'GET',
  path: '/Users?filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100',
};

/** SCIM User operations → Create Users → Create the User. */
export const CREATE_USER: DocumentedRequest = {
  method: 'POST',
  path: '/Users',
  body: `{
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
    "userName": "test.user@okta.local",
    "name": {
        "givenName": "Test",
        "familyName": "User"
    },
    "emails": [{
        "primary": true,
        "value": "test.user@okta.local",
        "type": "work"
    }],
    "displayName": "Test User",
    "locale": "en-US",
    "externalId": "00ujl29u0le5T6Aj10h7",
    "groups": [],
    "password": "1mz050nq",
    "active": true
}`,
};

/** SCIM User operations → Retrieve Users. */
export const LIST_USERS: DocumentedRequest = { method: 'GET', path: '/Users?startIndex=1&count=100' };

/** SCIM User operations → Retrieve a specific User. */
export const GET_USER: DocumentedRequest = {
  method: 'GET',
  path: '/Users/23a35c27-23d3-4c03-b4c5-6443c09e7173',
};

/** SCIM User operations → Update a specific User (PUT) → Update the User. */
export const REPLACE_USER: DocumentedRequest = {
  method: 'PUT',
  path: '/Users/23a35c27-23d3-4c03-b4c5-6443c09e7173',
  body: `{
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
    "id": "23a35c27-23d3-4c03-b4c5-6443c09e7173",
    "userName": "test.user@okta.local",
    "name": {
        "givenName": "Another",
        "middleName": "Excited",
        "familyName": "User"
    },
    "emails": [{
        "primary": true,
        "value": "test.user@okta.local",
        "type": "work",
        "display": "test.user@okta.local"
    }],
    "active": true,
    "groups": [],
    "meta": {
        "resourceType": "User"
    }
}`,
};

/** SCIM User operations → Update a specific User (PATCH): deactivation. */
export const DEACTIVATE_USER: DocumentedRequest = {
  method: 'PATCH',
  path: '/Users/23a35c27-23d3-4c03-b4c5-6443c09e7173',
  body: `{
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{
        "op": "replace",
        "value": {
            "active": false
        }
    }]
}`,
};

/** SCIM Group operations → Create Groups. */
export const CREATE_GROUP: DocumentedRequest = {
  method: 'POST',
  path: '/Groups',
  body: `{
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
    "displayName": "Test SCIMv2",
    "members": []
}`,
};

/** SCIM Group operations → Retrieve Groups. */
export const LIST_GROUPS: DocumentedRequest = { method: 'GET', path: '/Groups?startIndex=1&count=100' };

/** SCIM Group operations → Retrieve specific Groups. */
export const GET_GROUP: DocumentedRequest = {
  method: 'GET',
  path: '/Groups/abf4dd94-a4c0-4f67-89c9-76b03340cb9b',
};

/** SCIM Group operations → Update a specific Group name (path-less replace carrying the read-only id). */
export const RENAME_GROUP: DocumentedRequest = {
  method: 'PATCH',
  path: '/Groups/abf4dd94-a4c0-4f67-89c9-76b03340cb9b',
  body: `{
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{
        "op": "replace",
        "value": {
            "id": "abf4dd94-a4c0-4f67-89c9-76b03340cb9b",
            "displayName": "Test SCIMv2"
        }
    }]
}`,
};

/** SCIM Group operations → Update specific Group membership (remove one, add one). */
export const UPDATE_MEMBERSHIP: DocumentedRequest = {
  method: 'PATCH',
  path: '/Groups/abf4dd94-a4c0-4f67-89c9-76b03340cb9b',
  body: `{
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{
          "op": "remove",
          "path": "members[value eq \\"89bb1940-b905-4575-9e7f-6f887cfb368e\\"]"
        },
        {
          "op": "add",
          "path": "members",
          "value": [{
              "value": "23a35c27-23d3-4c03-b4c5-6443c09e7173",
              "display": "test.user@okta.local"
        }]
    }]
}`,
};

/** SCIM Group operations → Update specific Group membership → full push with `replace`. */
export const REPLACE_MEMBERS: DocumentedRequest = {
  method: 'PATCH',
  path: '/Groups/abf4dd94-a4c0-4f67-89c9-76b03340cb9b',
  body: `{
  "schemas": [
    "urn:ietf:params:scim:api:messages:2.0:PatchOp"
  ],
  "Operations": [
    {
      "op": "replace",
      "path": "members",
      "value": [
        {
          "value": "23a35c27-23d3-4c03-b4c5-6443c09e7173",
          "display": "test.user@okta.local"
        },
        {
          "value": "89bb1940-b905-4575-9e7f-6f887cfb368e",
          "display": "test.user@okta.local"
        }
      ]
    }
  ]
}`,
};

/** SCIM Group operations → Delete a specific Group. */
export const DELETE_GROUP: DocumentedRequest = {
  method: 'DELETE',
  path: '/Groups/abf4dd94-a4c0-4f67-89c9-76b03340cb9b',
};

/** Placeholder ids the documentation uses, to be swapped for real ones. */
export const DOC_USER_ID = '23a35c27-23d3-4c03-b4c5-6443c09e7173';
export const DOC_OTHER_USER_ID = '89bb1940-b905-4575-9e7f-6f887cfb368e';
export const DOC_GROUP_ID = 'abf4dd94-a4c0-4f67-89c9-76b03340cb9b';
