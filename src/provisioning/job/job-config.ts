import { z } from 'zod';
import type { JsonObject } from '../../scim/index.js';
import type { TargetSchemaSnapshot } from './target-schema.js';
import { CONNECTOR_PROFILES, MAPPING_TYPES, SCOPING_OPERATORS, type JobMappings } from '../mapping/index.js';

export const JOB_SCOPES = ['assigned', 'all'] as const;
export type JobScope = (typeof JOB_SCOPES)[number];
export const PROFILE_NAMES = ['generic-scim', 'atlassian-cloud'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

const attributeMapping = z
  .object({
    target: z.string().min(1),
    type: z.enum(MAPPING_TYPES),
    source: z.string().min(1).optional(),
    expression: z.string().min(1).max(10_000).optional(),
    constant: z.string().optional(),
    defaultValue: z.string().optional(),
    apply: z.enum(['always', 'creation']).optional(),
    matchingPrecedence: z.number().int().positive().optional(),
  })
  .strict();

const scopingFilter = z
  .object({
    clauses: z
      .array(
        z
          .object({
            attribute: z.string().min(1),
            operator: z.enum(SCOPING_OPERATORS),
            value: z.string().optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

const objectMapping = z
  .object({
    enabled: z.boolean(),
    actions: z.object({ create: z.boolean(), update: z.boolean(), delete: z.boolean() }).strict(),
    attributes: z.array(attributeMapping),
    scoping: z.array(scopingFilter),
  })
  .strict();

export const jobMappingsSchema = z.object({ users: objectMapping, groups: objectMapping }).strict();

export const jobOptionsSchema = z
  .object({
    /** Leave users that leave scope alone instead of disabling them. */
    skipOutOfScopeDeletions: z.boolean().default(false),
    /** What to do when the target cannot rename groups: skip the rename (logged), or recreate the group. */
    renameGroups: z.enum(['skip', 'recreate']).default('skip'),
    /** Members per PATCH add/remove request. */
    membershipBatchSize: z.number().int().min(1).max(1000).default(100),
    /**
     * `auto`: create users and groups through the target's /Bulk endpoint when its
     * ServiceProviderConfig offers one (and the connector profile allows it); `off`: one POST each.
     */
    bulkCreates: z.enum(['auto', 'off']).default('auto'),
    /** Requests in flight to the target. */
    concurrency: z.number().int().min(1).max(64).default(8),
    /** Source objects read per page. */
    pageSize: z.number().int().min(1).max(5000).default(500),
  })
  .strict();
export type JobOptions = z.infer<typeof jobOptionsSchema>;

export const jobConfigSchema = z
  .object({
    targetUrl: z.string().url(),
    profile: z.enum(PROFILE_NAMES),
    scope: z.enum(JOB_SCOPES),
    mappings: jobMappingsSchema,
    options: jobOptionsSchema,
    /** The target's schemas as discovered at save time (see target-schema.ts). */
    targetSchema: z
      .object({
        User: z.object({ schema: z.record(z.unknown()), extensions: z.array(z.record(z.unknown())) }),
        Group: z.object({ schema: z.record(z.unknown()), extensions: z.array(z.record(z.unknown())) }),
      })
      .optional(),
  })
  .strict();

export interface JobConfig {
  readonly targetUrl: string;
  readonly profile: ProfileName;
  readonly scope: JobScope;
  readonly mappings: JobMappings;
  readonly options: JobOptions;
  readonly targetSchema?: TargetSchemaSnapshot;
}

/** A job configuration as stored; throws a zod error naming the field when it is not one. */
export function parseJobConfig(value: unknown): JobConfig {
  return jobConfigSchema.parse(value) as JobConfig;
}

export function defaultJobConfig(targetUrl: string, profile: ProfileName, scope: JobScope): JobConfig {
  return {
    targetUrl,
    profile,
    scope,
    mappings: CONNECTOR_PROFILES[profile].mappings,
    options: jobOptionsSchema.parse({}),
  };
}

export function jobConfigToJson(config: JobConfig): JsonObject {
  return JSON.parse(JSON.stringify(config)) as JsonObject;
}
