/**
 * The PATCH shapes Entra sends with and without its SCIM-compliance flag (`aadOptscim062020`),
 * byte for byte from COMPLIANCE (see requests.ts): capitalised ops and `"False"` strings without
 * the flag; lowercase ops, a path-less replace keyed by attribute paths (dotted and URN) and a
 * `members[value eq "…"]` removal with it. Ids are the documentation's placeholders.
 */
import type { DocumentedRequest } from './requests.js';

/** COMPLIANCE → Requests made to disable users → Without feature flag. */
export const DISABLE_USER_STRING_FALSE: DocumentedRequest = {
  method: 'PATCH',
  path: '/Users/{id}',
  body: `{
    "schemas": [
        "urn:ietf:params:scim:api:messages:2.0:PatchOp"
    ],
    "Operations": [
        {
            "op": "Replace",
            "path": "active",
            "value": "False"
        }
    ]
  }`,
};

/** COMPLIANCE → Requests made to disable users → With feature flag. */
export const DISABLE_USER_LOWERCASE: DocumentedRequest = {
  method: 'PATCH',
  path: '/Users/{id}',
  body: `{
    "schemas": [
        "urn:ietf:params:scim:api:messages:2.0:PatchOp"
    ],
    "Operations": [
        {
            "op": "replace",
            "path": "active",
            "value": false
        }
    ]
  }`,
};

/** COMPLIANCE → Requests made to add a single-value string attribute → Without feature flag. */
export const ADD_NICKNAME_CAPITALISED: DocumentedRequest = {
  method: 'PATCH',
  path: '/Users/{id}',
  body: `{
    "schemas": [
        "urn:ietf:params:scim:api:messages:2.0:PatchOp"
    ],
    "Operations": [
      {
        "op": "Add",
        "path": "nickName",
        "value": "Babs"
      }
    ]
  }`,
};

/** COMPLIANCE → Requests to replace multiple attributes → Without feature flag. */
export const REPLACE_MANY_CAPITALISED: DocumentedRequest = {
  method: 'PATCH',
  path: '/Users/{id}',
  body: `{
    "schemas": [
        "urn:ietf:params:scim:api:messages:2.0:PatchOp"
    ],
    "Operations": [
        {
            "op": "Replace",
            "path": "displayName",
            "value": "Pvlo"
        },
        {
            "op": "Replace",
            "path": "emails[type eq \\"work\\"].value",
            "value": "TestBcwqnm@test.microsoft.com"
        },
        {
            "op": "Replace",
            "path": "name.givenName",
            "value": "Gtfd"
        },
        {
            "op": "Replace",
            "path": "name.familyName",
            "value": "Pkqf"
        },
        {
            "op": "Replace",
            "path": "externalId",
            "value": "Eqpj"
        },
        {
            "op": "Replace",
            "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
            "value": "Eqpj"
        }
    ]
  }`,
};

/** COMPLIANCE → Requests to replace multiple attributes → With feature flag (path-less replace). */
export const REPLACE_MANY_PATHLESS: DocumentedRequest = {
  method: 'PATCH',
  path: '/Users/{id}',
  body: `{
    "schemas": [
        "urn:ietf:params:scim:api:messages:2.0:PatchOp"
    ],
    "Operations": [
        {
            "op": "replace",
            "path": "emails[type eq \\"work\\"].value",
            "value": "TestMhvaes@test.microsoft.com"
        },
        {
            "op": "replace",
            "value": {
                "displayName": "Bjfe",
                "name.givenName": "Kkom",
                "name.familyName": "Unua",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber": "Aklq"
            }
        }
    ]
  }`,
};

/** COMPLIANCE → Requests made to remove a group member → Without feature flag (`u1091` is a placeholder). */
export const REMOVE_MEMBER_BY_VALUE: DocumentedRequest = {
  method: 'PATCH',
  path: '/Groups/{id}',
  body: `{
    "schemas": [
        "urn:ietf:params:scim:api:messages:2.0:PatchOp"
    ],
    "Operations": [
        {
            "op": "Remove",
            "path": "members",
            "value": [
                {
                    "value": "u1091"
                }
            ]
        }
    ]
  }`,
};

/** COMPLIANCE → Requests made to remove a group member → With feature flag. */
export const REMOVE_MEMBER_BY_FILTER: DocumentedRequest = {
  method: 'PATCH',
  path: '/Groups/{id}',
  body: `{
    "schemas": [
        "urn:ietf:params:scim:api:messages:2.0:PatchOp"
    ],
    "Operations": [
        {
            "op": "remove",
            "path": "members[value eq \\"7f4bc1a3-285e-48ae-8202-5accb43efb0e\\"]"
        }
    ]
  }`,
};
