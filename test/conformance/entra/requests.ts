/**
 * The requests Microsoft Entra ID sends to a SCIM endpoint, kept byte for byte as Microsoft
 * documents them. Bodies are the raw JSON text of the documentation; the ids in paths and bodies
 * are the documentation's own placeholders, swapped for real ids with `fill()` at run time.
 *
 * Sources (learn.microsoft.com):
 * - TUTORIAL: "Tutorial: Develop and plan provisioning for a SCIM endpoint in Microsoft Entra ID",
 *   section "Understand the Microsoft Entra SCIM implementation" → "User Operations" / "Group
 *   Operations" / "Schema discovery" (entra/identity/app-provisioning/use-scim-to-provision-users-and-groups).
 * - COMPLIANCE: "Known issues and resolutions with SCIM 2.0 protocol compliance of the Microsoft
 *   Entra user provisioning service", section "Flags to alter the SCIM behavior"
 *   (entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility).
 */

export interface DocumentedRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Relative to the SCIM base URL, as the documentation writes it (query unencoded). */
  readonly path: string;
  /** The JSON text exactly as documented. */
  readonly body?: string;
}

/** Replaces documentation placeholders (ids, names) by real values in path and body. */
export function fill(
  request: DocumentedRequest,
  replacements: Readonly<Record<string, string>>,
): DocumentedRequest {
  const swap = (text: string): string =>
    Object.entries(replacements).reduce((acc, [from, to]) => acc.split(from).join(to), text);
  return {
    method: request.method,
    path: swap(request.path),
    ...(request.body === undefined ? {} : { body: swap(request.body) }),
  };
}

// ── TUTORIAL → User Operations ───────────────────────────────────────────────────────────────

/** TUTORIAL → Create User → Request. */
export const CREATE_USER: DocumentedRequest = {
  method: 'POST',
  path: '/Users',
  body: `{
    "schemas": [
        "urn:ietf:params:scim:schemas:core:2.0:User",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
    "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
    "userName": "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1",
    "active": true,
    "emails": [{
        "primary": true,
        "type": "work",
        "value": "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com"
    }],
    "meta": {
        "resourceType": "User"
    },
    "name": {
        "formatted": "givenName familyName",
        "familyName": "familyName",
        "givenName": "givenName"
    },
    "roles": []
}`,
};

/** TUTORIAL → Get User → Request (the id is a placeholder). */
export const GET_USER: DocumentedRequest = { method: 'GET', path: '/Users/5d48a0a8e9f04aa38008' };

/** TUTORIAL → Get User → second Request, answered "user not found". */
export const GET_USER_NOT_FOUND: DocumentedRequest = { method: 'GET', path: '/Users/5171a35d82074e068ce2' };

/** TUTORIAL → Get User by query → Request. */
export const GET_USER_BY_QUERY: DocumentedRequest = {
  method: 'GET',
  path: '/Users?filter=userName eq "Test_User_dfeef4c5-5681-4387-b016-bdf221e82081"',
};

/**
 * The user the "Get User by query" Response shows, as a create body, so the documented query has
 * something to find. Built from the documented response (its id and meta are the server's).
 */
export const USER_FOUND_BY_QUERY = `{
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
    "externalId": "7fce0092-d52e-4f76-b727-3955bd72c939",
    "userName": "Test_User_dfeef4c5-5681-4387-b016-bdf221e82081",
    "name": {
        "familyName": "familyName",
        "givenName": "givenName"
    },
    "active": true,
    "emails": [{
        "value": "Test_User_91b67701-697b-46de-b864-bd0bbe4f99c1@testuser.com",
        "type": "work",
        "primary": true
    }]
}`;

/** TUTORIAL → Get User by query - Zero results → Request. */
export const GET_USER_BY_QUERY_ZERO_RESULTS: DocumentedRequest = {
  method: 'GET',
  path: '/Users?filter=userName eq "non-existent user"',
};

/** TUTORIAL → Update User [Multi-valued properties] → Request. */
export const UPDATE_USER_MULTI_VALUED: DocumentedRequest = {
  method: 'PATCH',
  path: '/Users/6764549bef60420686bc',
  body: `{
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [
            {
            "op": "Replace",
            "path": "emails[type eq \\"work\\"].value",
            "value": "updatedEmail@microsoft.com"
            },
            {
            "op": "Replace",
            "path": "name.familyName",
            "value": "updatedFamilyName"
            }
    ]
}`,
};

/** TUTORIAL → Update User [Single-valued properties] → Request. */
export const UPDATE_USER_SINGLE_VALUED: DocumentedRequest = {
  method: 'PATCH',
  path: '/Users/5171a35d82074e068ce2',
  body: `{
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{
        "op": "Replace",
        "path": "userName",
        "value": "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"
    }]
}`,
};

/** TUTORIAL → Disable User → Request. */
export const DISABLE_USER: DocumentedRequest = {
  method: 'PATCH',
  path: '/Users/5171a35d82074e068ce2',
  body: `{
    "Operations": [
        {
            "op": "Replace",
            "path": "active",
            "value": false
        }
    ],
    "schemas": [
        "urn:ietf:params:scim:api:messages:2.0:PatchOp"
    ]
}`,
};

/** TUTORIAL → Delete User → Request. */
export const DELETE_USER: DocumentedRequest = { method: 'DELETE', path: '/Users/5171a35d82074e068ce2' };

// ── TUTORIAL → Group Operations ──────────────────────────────────────────────────────────────

/** TUTORIAL → Create Group → Request (note the extra Microsoft schema URI). */
export const CREATE_GROUP: DocumentedRequest = {
  method: 'POST',
  path: '/Groups',
  body: `{
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group", "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
    "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
    "displayName": "displayName",
    "meta": {
        "resourceType": "Group"
    }
}`,
};

/** TUTORIAL → Get Group → Request. */
export const GET_GROUP: DocumentedRequest = {
  method: 'GET',
  path: '/Groups/40734ae655284ad3abcc?excludedAttributes=members',
};

/** TUTORIAL → Get Group by displayName → Request. */
export const GET_GROUP_BY_DISPLAY_NAME: DocumentedRequest = {
  method: 'GET',
  path: '/Groups?excludedAttributes=members&filter=displayName eq "displayName"',
};

/** TUTORIAL → Update Group [Non-member attributes] → Request. */
export const UPDATE_GROUP_NON_MEMBER: DocumentedRequest = {
  method: 'PATCH',
  path: '/Groups/fa2ce26709934589afc5',
  body: `{
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{
        "op": "Replace",
        "path": "displayName",
        "value": "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName"
    }]
}`,
};

/** TUTORIAL → Update Group [Add Members] → Request (member id f648f8d5ea4e4cd38e9c is a placeholder). */
export const UPDATE_GROUP_ADD_MEMBERS: DocumentedRequest = {
  method: 'PATCH',
  path: '/Groups/a99962b9f99d4c4fac67',
  body: `{
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{
        "op": "Add",
        "path": "members",
        "value": [{
            "$ref": null,
            "value": "f648f8d5ea4e4cd38e9c"
        }]
    }]
}`,
};

/** TUTORIAL → Update Group [Remove Members] → Request. */
export const UPDATE_GROUP_REMOVE_MEMBERS: DocumentedRequest = {
  method: 'PATCH',
  path: '/Groups/a99962b9f99d4c4fac67',
  body: `{
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{
        "op": "Remove",
        "path": "members",
        "value": [{
            "$ref": null,
            "value": "f648f8d5ea4e4cd38e9c"
        }]
    }]
}`,
};

/** TUTORIAL → Delete Group → Request. */
export const DELETE_GROUP: DocumentedRequest = { method: 'DELETE', path: '/Groups/cdb1ce18f65944079d37' };

/** TUTORIAL → Schema discovery → Discover schema → Request. */
export const DISCOVER_SCHEMA: DocumentedRequest = { method: 'GET', path: '/Schemas' };
