import type { JsonObject } from '../scim/index.js';
import type { Page, PageRequest } from './directory-store.js';

/**
 * What the provisioning engine persists: one job per application, the link and last written
 * values of every object it manages (the "shadow"), the memberships it wrote, and cycle history.
 * The store does not interpret job configuration; the engine validates it.
 */
export interface ProvisioningJobRecord {
  readonly applicationId: string;
  /** Provisioning status On/Off. */
  readonly enabled: boolean;
  /** Target URL, scope, profile, mappings, options: the engine's job configuration. */
  readonly config: JsonObject;
  /** The target's secret token, encrypted by the engine (never the plain token). */
  readonly secret: string;
  /** Change-feed watermark after the last completed cycle; undefined before the first. */
  readonly watermark: number | undefined;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const PROVISIONED_OBJECT_TYPES = ['user', 'group'] as const;
export type ProvisionedObjectType = (typeof PROVISIONED_OBJECT_TYPES)[number];

export const PROVISIONED_STATUSES = ['active', 'disabled', 'failed', 'skipped'] as const;
/** active: linked and enabled in the target; disabled: linked, `active=false` sent; failed/skipped: see `detail`. */
export type ProvisionedStatus = (typeof PROVISIONED_STATUSES)[number];

export interface ProvisionedObjectRecord {
  readonly applicationId: string;
  readonly objectType: ProvisionedObjectType;
  readonly sourceId: string;
  /** The target's id; undefined when never created or matched. */
  readonly targetId: string | undefined;
  readonly status: ProvisionedStatus;
  /** The mapped values last written to the target (target path → value). */
  readonly values: JsonObject;
  /** The last failure or skip reason: `{ code, message }`. */
  readonly detail: JsonObject | undefined;
  readonly updatedAt: string;
}

export interface CycleRecord {
  readonly id: string;
  readonly applicationId: string;
  readonly kind: 'initial' | 'incremental';
  readonly startedAt: string;
  readonly finishedAt: string | undefined;
  /** Counts and outcome: the cycle summary. */
  readonly summary: JsonObject;
}

export interface ProvisioningStore {
  getJob(applicationId: string): Promise<ProvisioningJobRecord | undefined>;
  listJobs(): Promise<ProvisioningJobRecord[]>;
  /** Creates or replaces the job's configuration, status and secret; keeps the watermark unless given. */
  putJob(
    job: Omit<ProvisioningJobRecord, 'createdAt' | 'updatedAt'>,
    at: string,
  ): Promise<ProvisioningJobRecord>;
  setWatermark(applicationId: string, watermark: number | undefined, at: string): Promise<void>;
  /** Deletes the job and everything it recorded. */
  deleteJob(applicationId: string): Promise<boolean>;
  /** Forgets links, shadow values and memberships (a full reset); keeps the job. */
  clearJobState(applicationId: string): Promise<void>;

  getObjects(
    applicationId: string,
    objectType: ProvisionedObjectType,
    sourceIds: readonly string[],
  ): Promise<Map<string, ProvisionedObjectRecord>>;
  findObjectsByTargetId(
    applicationId: string,
    objectType: ProvisionedObjectType,
    targetIds: readonly string[],
  ): Promise<ProvisionedObjectRecord[]>;
  /** Upserts by (application, type, source id). */
  putObjects(records: readonly Omit<ProvisionedObjectRecord, 'updatedAt'>[], at: string): Promise<void>;
  deleteObjects(
    applicationId: string,
    objectType: ProvisionedObjectType,
    sourceIds: readonly string[],
  ): Promise<void>;
  listObjects(
    applicationId: string,
    objectType: ProvisionedObjectType,
    page: PageRequest,
  ): Promise<Page<ProvisionedObjectRecord>>;
  /** Source ids only, in source id order: what a sweep over every linked object needs, without decoding values. */
  listObjectIds(
    applicationId: string,
    objectType: ProvisionedObjectType,
    page: PageRequest,
  ): Promise<Page<string>>;
  countObjects(
    applicationId: string,
    objectType: ProvisionedObjectType,
  ): Promise<Record<ProvisionedStatus, number>>;
  /** Source ids of objects in `status` (failed ones are retried by every cycle), oldest change first. */
  listObjectIdsWithStatus(
    applicationId: string,
    objectType: ProvisionedObjectType,
    status: ProvisionedStatus,
    limit: number,
  ): Promise<string[]>;
  /** Sets status and detail of an existing object, keeping its link and values. */
  setObjectStatus(
    applicationId: string,
    objectType: ProvisionedObjectType,
    sourceId: string,
    status: ProvisionedStatus,
    detail: JsonObject | undefined,
    at: string,
  ): Promise<void>;

  /** Member source ids written to the target for the group (all of them, or only among `among`). */
  getMemberships(
    applicationId: string,
    groupSourceId: string,
    among?: readonly string[],
  ): Promise<Set<string>>;
  addMemberships(
    applicationId: string,
    groupSourceId: string,
    memberSourceIds: readonly string[],
  ): Promise<void>;
  removeMemberships(
    applicationId: string,
    groupSourceId: string,
    memberSourceIds: readonly string[],
  ): Promise<void>;
  /** Forgets every membership of these members (they were deleted in the target) or of these groups. */
  removeMembershipsOf(applicationId: string, sourceIds: readonly string[]): Promise<void>;

  putCycle(cycle: CycleRecord): Promise<void>;
  listCycles(applicationId: string, limit: number): Promise<CycleRecord[]>;
}
