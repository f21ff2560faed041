export {
  JOB_SCOPES,
  PROFILE_NAMES,
  defaultJobConfig,
  jobConfigSchema,
  jobConfigToJson,
  jobMappingsSchema,
  jobOptionsSchema,
  parseJobConfig,
  type JobConfig,
  type JobOptions,
  type JobScope,
  type ProfileName,
} from './job-config.js';
export { snapshotTargetSchema, targetSchemas, type TargetSchemaSnapshot } from './target-schema.js';
