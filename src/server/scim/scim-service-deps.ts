import type { SchemaRegistry } from '../../scim/index.js';
import type { Store } from '../../store/index.js';
import type { VerifiedDomainsCache } from '../tenants/index.js';
import type { ScimLimits } from './scim-limits.js';
import type { MemberWrites } from './group-member-writes.js';

/** What the SCIM operations share: the store, the schemas, limits, a clock and an id source. */
export interface ScimServiceDeps {
  readonly store: Store;
  readonly registry: SchemaRegistry;
  readonly limits: ScimLimits;
  readonly now: () => Date;
  readonly newId: () => string;
  /** Each tenant's verified domains, cached briefly. */
  readonly verifiedDomains: Pick<VerifiedDomainsCache, 'get'>;
  /** Concurrent pure member changes of one group, written together (see group-member-writes.ts). */
  readonly memberWrites: MemberWrites;
}
