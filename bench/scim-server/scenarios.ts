/**
 * The measured scenarios, as LoadSpecs for one server. Item lists decide which resource each
 * request touches: random ids for reads, never-used ids for member adds (each request adds a
 * user that is not yet a member), a counter for unique userNames.
 */
import type { LoadSpec } from './load-spec.js';

export const SCENARIOS = {
  fixedJson: 'GET fixed JSON',
  getById: 'GET /Users/{id}',
  filterUserName: 'GET filter userName eq',
  filterWorkEmail: 'GET filter emails[type eq "work"].value eq',
  post: 'POST /Users',
  patchReplace: 'PATCH replace displayName',
  addBigMember: 'PATCH add member, big group',
  addSmallMember: 'PATCH add member, 10-member group',
  getBigGroup: 'GET big group, excludedAttributes=members',
} as const;

export type ScenarioKey = keyof typeof SCENARIOS;

export interface Scenario {
  readonly key: ScenarioKey;
  readonly spec: LoadSpec;
  /** Statuses the probe request must answer with for the numbers to mean anything. */
  readonly expect: readonly number[];
}

export interface LoadShape {
  readonly origin: string;
  readonly token: string;
  readonly connections: number;
  readonly durationSeconds: number;
  readonly maxRequests: number;
  readonly runId: string;
}

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const enc = encodeURIComponent;

function spec(
  shape: LoadShape,
  key: ScenarioKey,
  fields: Partial<LoadSpec> & Pick<LoadSpec, 'method' | 'pathTemplate'>,
): LoadSpec {
  return {
    name: SCENARIOS[key],
    origin: shape.origin,
    headers: {
      authorization: `Bearer ${shape.token}`,
      accept: 'application/scim+json',
      'content-type': 'application/scim+json',
    },
    connections: shape.connections,
    durationSeconds: shape.durationSeconds,
    // Only sequential picks use each item once. A random pick capped at its item count ended
    // early, and autocannon reports the duration up to its next whole-second tick: 20,000
    // filter requests served in 3.4 s counted as 4 s (or 6 s), understating req/s by up to 40%.
    maxRequests: Math.min(
      shape.maxRequests,
      fields.pick === 'sequential' ? (fields.items?.length ?? Infinity) : Infinity,
    ),
    runId: shape.runId,
    ...fields,
  };
}

const userBody = (prefix: string): string =>
  JSON.stringify({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: `${prefix}-{{run}}-{{n}}@example.com`,
    externalId: `${prefix}-{{run}}-{{n}}`,
    name: { givenName: 'Bench', familyName: 'User {{n}}' },
    emails: [{ value: `${prefix}-{{run}}-{{n}}@work.example.com`, type: 'work', primary: true }],
    active: true,
  });

const addMemberBody = JSON.stringify({
  schemas: [PATCH_OP],
  Operations: [{ op: 'add', path: 'members', value: [{ value: '{{item}}' }] }],
});

const replaceDisplayNameBody = JSON.stringify({
  schemas: [PATCH_OP],
  Operations: [{ op: 'replace', path: 'displayName', value: 'Renamed {{n}}' }],
});

export interface DirectoryShape {
  /** `/scim/directory/{tenant}` or `/scim`. */
  readonly basePath: string;
  /** All user ids, index i being `user{i}@example.com`. */
  readonly userIds: readonly string[];
  /** Ids of users that are not members of the big group / of the small group. */
  readonly notInBigGroup: readonly string[];
  readonly notInSmallGroup: readonly string[];
  readonly bigGroupId: string;
  readonly smallGroupId?: string;
  /**
   * Whether users are the loader's full profiles (work email `user{i}@work.example.com`,
   * displayName): the email filter and PATCH replace scenarios need them.
   */
  readonly fullProfiles: boolean;
}

/** One sample of user indices, shared by the userName and email filter scenarios. */
function indexSample(count: number, size = 20_000): string[] {
  return Array.from({ length: Math.min(size, count) }, () => String(Math.floor(Math.random() * count)));
}

export function serverScenarios(shape: LoadShape, dir: DirectoryShape): Scenario[] {
  const base = dir.basePath;
  const indices = indexSample(dir.userIds.length);
  const scenarios: Scenario[] = [
    {
      key: 'getById',
      expect: [200],
      spec: spec(shape, 'getById', {
        method: 'GET',
        pathTemplate: `${base}/Users/{{item}}`,
        items: dir.userIds,
        pick: 'random',
      }),
    },
    {
      key: 'filterUserName',
      expect: [200],
      spec: spec(shape, 'filterUserName', {
        method: 'GET',
        pathTemplate: `${base}/Users?filter=${enc('userName eq "user')}{{item}}${enc('@example.com"')}`,
        items: indices,
        pick: 'random',
      }),
    },
  ];
  if (dir.fullProfiles) {
    scenarios.push({
      key: 'filterWorkEmail',
      expect: [200],
      spec: spec(shape, 'filterWorkEmail', {
        method: 'GET',
        pathTemplate: `${base}/Users?filter=${enc('emails[type eq "work"].value eq "user')}{{item}}${enc('@work.example.com"')}`,
        items: indices,
        pick: 'random',
      }),
    });
  }
  scenarios.push({
    key: 'post',
    expect: [201],
    spec: spec(shape, 'post', {
      method: 'POST',
      pathTemplate: `${base}/Users`,
      bodyTemplate: userBody('bench'),
    }),
  });
  if (dir.fullProfiles) {
    scenarios.push({
      key: 'patchReplace',
      expect: [200, 204],
      spec: spec(shape, 'patchReplace', {
        method: 'PATCH',
        pathTemplate: `${base}/Users/{{item}}`,
        bodyTemplate: replaceDisplayNameBody,
        items: dir.userIds,
        pick: 'random',
      }),
    });
  }
  scenarios.push({
    key: 'addBigMember',
    expect: [200, 204],
    spec: spec(shape, 'addBigMember', {
      method: 'PATCH',
      pathTemplate: `${base}/Groups/${dir.bigGroupId}`,
      bodyTemplate: addMemberBody,
      items: dir.notInBigGroup,
      pick: 'sequential',
    }),
  });
  if (dir.smallGroupId !== undefined) {
    scenarios.push(
      {
        key: 'addSmallMember',
        expect: [200, 204],
        spec: spec(shape, 'addSmallMember', {
          method: 'PATCH',
          pathTemplate: `${base}/Groups/${dir.smallGroupId}`,
          bodyTemplate: addMemberBody,
          items: dir.notInSmallGroup,
          pick: 'sequential',
        }),
      },
      {
        key: 'getBigGroup',
        expect: [200],
        spec: spec(shape, 'getBigGroup', {
          method: 'GET',
          pathTemplate: `${base}/Groups/${dir.bigGroupId}?excludedAttributes=members`,
        }),
      },
    );
  }
  return scenarios;
}

export function fixedJsonScenario(shape: LoadShape): Scenario {
  return {
    key: 'fixedJson',
    expect: [200],
    spec: spec(shape, 'fixedJson', { method: 'GET', pathTemplate: '/' }),
  };
}
