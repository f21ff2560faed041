/** Bodies after the examples of RFC 7644 §3.7 (Bulk). */
export const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
export const BULK_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';
export const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** §3.7.1: POST, PUT, PATCH (data as a bare array, as the RFC example has it) and DELETE. */
export const RFC_BULK_REQUEST = {
  schemas: [BULK_REQUEST],
  Operations: [
    {
      method: 'POST',
      path: '/Users',
      bulkId: 'qwerty',
      data: {
        schemas: [USER],
        userName: 'Alice',
      },
    },
    {
      method: 'PUT',
      path: '/Users/b7c14771-226c-4d05-8860-134711653041',
      version: 'W/"3694e05e9dff591"',
      data: {
        schemas: [USER],
        id: 'b7c14771-226c-4d05-8860-134711653041',
        userName: 'Bob',
      },
    },
    {
      method: 'PATCH',
      path: '/Users/5d8d29d3-342c-4b5f-8683-a3cb6763ffcc',
      version: 'W/"edac3253e2c0ef2"',
      data: [
        { op: 'remove', path: 'nickName' },
        { op: 'replace', path: 'userName', value: 'Dave' },
      ],
    },
    {
      method: 'DELETE',
      path: '/Users/e9025315-6bea-44e1-899c-1e07454e468b',
      version: 'W/"0ee8add0a938e1a"',
    },
  ],
};

/** §3.7.3: the response to the request above. */
export const RFC_BULK_RESPONSE = {
  schemas: [BULK_RESPONSE],
  Operations: [
    {
      location: 'https://example.com/v2/Users/92b725cd9465',
      method: 'POST',
      bulkId: 'qwerty',
      version: 'W/"oY4m4wn58tkVjJxK"',
      status: '201',
    },
    {
      location: 'https://example.com/v2/Users/b7c14771-226c-4d05-8860-134711653041',
      method: 'PUT',
      version: 'W/"huJj29dMNgu3WXPD"',
      status: '200',
    },
    {
      location: 'https://example.com/v2/Users/5d8d29d3-342c-4b5f-8683-a3cb6763ffcc',
      method: 'PATCH',
      version: 'W/"huJj29dMNgu3WXPD"',
      status: '200',
    },
    {
      location: 'https://example.com/v2/Users/e9025315-6bea-44e1-899c-1e07454e468b',
      method: 'DELETE',
      status: '204',
    },
  ],
};

/** §3.7.3: failOnErrors 1, the first POST fails; nothing after it runs. */
export const RFC_BULK_ERROR_RESPONSE = {
  schemas: [BULK_RESPONSE],
  Operations: [
    {
      method: 'POST',
      bulkId: 'qwerty',
      status: '400',
      response: {
        schemas: [ERROR],
        scimType: 'invalidSyntax',
        detail: 'Request is unparsable, syntactically incorrect, or violates schema.',
        status: '400',
      },
    },
  ],
};

/** §3.7.3: failOnErrors 2, the POST fails and the PUT's version no longer matches. */
export const RFC_BULK_TWO_ERRORS_RESPONSE = {
  schemas: [BULK_RESPONSE],
  Operations: [
    {
      method: 'POST',
      bulkId: 'qwerty',
      status: '400',
      response: {
        schemas: [ERROR],
        scimType: 'invalidSyntax',
        detail: 'Request is unparsable, syntactically incorrect, or violates schema.',
        status: '400',
      },
    },
    {
      location: 'https://example.com/v2/Users/b7c14771-226c-4d05-8860-134711653041',
      method: 'PUT',
      status: '412',
      response: {
        schemas: [ERROR],
        detail: 'Failed to update.  Resource changed on the server.',
        status: '412',
      },
    },
  ],
};

/** §3.7.1: each group is a member of the other. */
export const RFC_CIRCULAR_REQUEST = {
  schemas: [BULK_REQUEST],
  Operations: [
    {
      method: 'POST',
      path: '/Groups',
      bulkId: 'qwerty',
      data: {
        schemas: [GROUP],
        displayName: 'Group A',
        members: [{ type: 'Group', value: 'bulkId:ytrewq' }],
      },
    },
    {
      method: 'POST',
      path: '/Groups',
      bulkId: 'ytrewq',
      data: {
        schemas: [GROUP],
        displayName: 'Group B',
        members: [{ type: 'Group', value: 'bulkId:qwerty' }],
      },
    },
  ],
};

/** §3.7.2: a group whose member is a user created in the same request. */
export const RFC_BULK_ID_REQUEST = {
  schemas: [BULK_REQUEST],
  Operations: [
    {
      method: 'POST',
      path: '/Users',
      bulkId: 'qwerty',
      data: { schemas: [USER], userName: 'Alice' },
    },
    {
      method: 'POST',
      path: '/Groups',
      bulkId: 'ytrewq',
      data: {
        schemas: [GROUP],
        displayName: 'Tour Guides',
        members: [{ type: 'User', value: 'bulkId:qwerty' }],
      },
    },
  ],
};

/** §3.7.2: the response to the request above. */
export const RFC_BULK_ID_RESPONSE = {
  schemas: [BULK_RESPONSE],
  Operations: [
    {
      location: 'https://example.com/v2/Users/92b725cd9465',
      method: 'POST',
      bulkId: 'qwerty',
      version: 'W/"4weymrEsh5O6cAEK"',
      status: '201',
    },
    {
      location: 'https://example.com/v2/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a',
      method: 'POST',
      bulkId: 'ytrewq',
      version: 'W/"lha5bbazU3fNvfe5"',
      status: '201',
    },
  ],
};

/** Requests the parser must refuse, with the text the error detail names. */
export const INVALID_BULK_REQUESTS: readonly {
  readonly name: string;
  readonly body: unknown;
  readonly detail: string;
}[] = [
  { name: 'not an object', body: [], detail: 'JSON object' },
  { name: 'wrong schema', body: { schemas: [USER], Operations: [] }, detail: BULK_REQUEST },
  { name: 'no Operations', body: { schemas: [BULK_REQUEST] }, detail: 'Operations' },
  {
    name: 'unknown method',
    body: { schemas: [BULK_REQUEST], Operations: [{ method: 'GET', path: '/Users/1' }] },
    detail: 'Operations[0]: "method"',
  },
  {
    name: 'POST without bulkId',
    body: { schemas: [BULK_REQUEST], Operations: [{ method: 'POST', path: '/Users', data: {} }] },
    detail: 'Operations[0]: "bulkId" is required',
  },
  {
    name: 'duplicate bulkId',
    body: {
      schemas: [BULK_REQUEST],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'a', data: {} },
        { method: 'POST', path: '/Groups', bulkId: 'a', data: {} },
      ],
    },
    detail: 'Operations[1]: bulkId "a" is already used by Operations[0]',
  },
  {
    name: 'POST to a resource',
    body: {
      schemas: [BULK_REQUEST],
      Operations: [{ method: 'POST', path: '/Users/1', bulkId: 'a', data: {} }],
    },
    detail: 'Operations[0]: POST goes to',
  },
  {
    name: 'PUT without id',
    body: { schemas: [BULK_REQUEST], Operations: [{ method: 'PUT', path: '/Users', data: {} }] },
    detail: 'Operations[0]: PUT needs a resource path',
  },
  {
    name: 'malformed path',
    body: { schemas: [BULK_REQUEST], Operations: [{ method: 'DELETE', path: 'Users/1' }] },
    detail: 'Operations[0]: "path" must look like',
  },
  {
    name: 'missing path',
    body: { schemas: [BULK_REQUEST], Operations: [{ method: 'DELETE' }] },
    detail: 'Operations[0]: "path" is required',
  },
  {
    name: 'PATCH without data',
    body: { schemas: [BULK_REQUEST], Operations: [{ method: 'PATCH', path: '/Users/1' }] },
    detail: 'Operations[0]: "data" is required for PATCH',
  },
  {
    name: 'operation not an object',
    body: { schemas: [BULK_REQUEST], Operations: ['DELETE /Users/1'] },
    detail: 'Operations[0]: an operation must be a JSON object',
  },
  {
    name: 'failOnErrors not a positive integer',
    body: { schemas: [BULK_REQUEST], failOnErrors: 0, Operations: [] },
    detail: 'failOnErrors',
  },
  {
    name: 'version not a string',
    body: { schemas: [BULK_REQUEST], Operations: [{ method: 'DELETE', path: '/Users/1', version: 3 }] },
    detail: 'Operations[0]: "version"',
  },
];
