import { ZodError } from 'zod';
import type { ApplicationRecord, CycleRecord, ProvisioningJobRecord, Store } from '../../store/index.js';
import { runCycle, type CycleClock, type CycleEvent, type CycleSummary } from '../cycle/index.js';
import { ProvisioningError } from '../errors.js';
import {
  defaultJobConfig,
  jobConfigToJson,
  jobMappingsSchema,
  jobOptionsSchema,
  parseJobConfig,
  snapshotTargetSchema,
  targetSchemas,
  type JobConfig,
  type JobOptions,
  type JobScope,
  type ProfileName,
} from '../job/index.js';
import {
  CONNECTOR_PROFILES,
  validateJobMappings,
  type JobMappings,
  type ScopingFilter,
} from '../mapping/index.js';
import {
  ScimClient,
  discoverTargetSchema,
  testConnection,
  type ConnectionTestResult,
  type ScimClientOptions,
  type ScimRequestEvent,
} from '../scim-client/index.js';
import type { SecretBox } from '../secrets/index.js';

export interface ProvisioningServiceOptions {
  /** Client settings for every target (timeouts, retries; tests shorten them). */
  readonly client?: Partial<Omit<ScimClientOptions, 'baseUrl' | 'token'>>;
  readonly clock?: CycleClock;
  readonly now?: () => Date;
}

export interface ConfigureInput {
  readonly scimUrl?: string;
  readonly token?: string;
  readonly profile?: ProfileName;
  readonly scope?: JobScope;
  readonly enabled?: boolean;
  readonly options?: Partial<JobOptions>;
}

/** A job as the admin sees it: never the token. */
export interface JobView {
  readonly application: { readonly id: string; readonly name: string };
  readonly enabled: boolean;
  readonly targetUrl: string;
  readonly profile: ProfileName;
  readonly scope: JobScope;
  readonly options: JobOptions;
  readonly tokenStored: boolean;
  readonly watermark: number | undefined;
  readonly targetSchemaDiscovered: boolean;
  /** Why the target's schema could not be read, when it could not; mappings are then checked against the RFC core. */
  readonly warnings: readonly string[];
}

export interface SyncOptions {
  readonly full?: boolean;
  readonly onEvent?: (event: CycleEvent) => void;
  readonly onRequest?: (event: ScimRequestEvent) => void;
}

type ScopingTarget = 'users' | 'groups';

/**
 * Provisioning jobs: configuration (target, token encrypted at rest, scope, profile, mappings,
 * scoping) and running cycles. One job per directory application.
 */
export class ProvisioningService {
  readonly #store: Store;
  readonly #secrets: SecretBox;
  readonly #options: ProvisioningServiceOptions;

  constructor(store: Store, secrets: SecretBox, options: ProvisioningServiceOptions = {}) {
    this.#store = store;
    this.#secrets = secrets;
    this.#options = options;
  }

  #now(): string {
    return (this.#options.now?.() ?? new Date()).toISOString();
  }

  async #application(ref: string): Promise<ApplicationRecord> {
    const app =
      (await this.#store.directory.getApplication(ref)) ??
      (await this.#store.directory.getApplicationByName(ref));
    if (app === undefined) {
      throw new ProvisioningError('SCIMSYNC_ERR_PROVISIONING_UNKNOWN_APPLICATION', { application: ref });
    }
    return app;
  }

  async #job(ref: string): Promise<{
    app: ApplicationRecord;
    record: ProvisioningJobRecord;
    config: JobConfig;
    token: string;
    enabled: boolean;
    watermark: number | undefined;
  }> {
    const app = await this.#application(ref);
    const job = await this.#store.provisioning.getJob(app.id);
    if (job === undefined)
      throw new ProvisioningError('SCIMSYNC_ERR_PROVISIONING_NOT_CONFIGURED', { application: app.name });
    return {
      app,
      record: job,
      config: parseJobConfig(job.config),
      token: this.#secrets.decrypt(job.secret),
      enabled: job.enabled,
      watermark: job.watermark,
    };
  }

  #client(config: JobConfig, token: string, extra: Partial<ScimClientOptions> = {}): ScimClient {
    return new ScimClient({
      ...this.#options.client,
      concurrency: config.options.concurrency,
      ...extra,
      baseUrl: config.targetUrl,
      token,
    });
  }

  /**
   * Creates or changes the job. A new job starts from the profile's default mappings; changing
   * the profile resets the mappings to the new profile's. The target's schema is read when it
   * answers (a warning otherwise). Anything but a token or status change starts a new initial cycle.
   */
  async configure(ref: string, input: ConfigureInput): Promise<JobView> {
    const app = await this.#application(ref);
    const existing = await this.#store.provisioning.getJob(app.id);
    const previous = existing === undefined ? undefined : parseJobConfig(existing.config);
    let config: JobConfig;
    let token: string;
    if (existing === undefined) {
      if (input.scimUrl === undefined || input.token === undefined) {
        throw new ProvisioningError('SCIMSYNC_ERR_PROVISIONING_INVALID_CONFIG', {
          reason: 'a new provisioning job needs both the SCIM base URL and the secret token',
        });
      }
      config = defaultJobConfig(input.scimUrl, input.profile ?? 'generic-scim', input.scope ?? 'assigned');
      token = input.token;
    } else {
      const current = previous!;
      token = input.token ?? this.#secrets.decrypt(existing.secret);
      const profile = input.profile ?? current.profile;
      config = {
        ...current,
        targetUrl: input.scimUrl ?? current.targetUrl,
        profile,
        scope: input.scope ?? current.scope,
        mappings:
          profile === current.profile ? current.mappings : defaultJobConfig('', profile, 'all').mappings,
      };
    }
    config = {
      ...config,
      options: this.#parse(() => jobOptionsSchema.parse({ ...config.options, ...input.options })),
    };
    this.#parse(() => parseJobConfig(jobConfigToJson(config)));
    const warnings: string[] = [];
    const schema = await this.#discover(config, token, warnings);
    if (schema !== undefined) config = { ...config, targetSchema: schema };
    else if (previous?.targetSchema !== undefined && config.targetUrl === previous.targetUrl) {
      config = { ...config, targetSchema: previous.targetSchema };
    }
    // The job is saved anyway (the admin may fix the mappings next); cycles refuse until then.
    for (const issue of mappingIssues(config.mappings, config)) {
      warnings.push(`mapping ${issue.path}: ${issue.message}`);
    }
    const restart =
      existing === undefined ||
      JSON.stringify({ ...previous, targetSchema: undefined }) !==
        JSON.stringify({ ...config, targetSchema: undefined });
    const stored = await this.#store.provisioning.putJob(
      {
        applicationId: app.id,
        enabled: input.enabled ?? existing?.enabled ?? false,
        config: jobConfigToJson(config),
        secret: this.#secrets.encrypt(token),
        watermark: restart ? undefined : existing.watermark,
      },
      this.#now(),
    );
    return this.#view(app, config, stored.enabled, stored.watermark, warnings);
  }

  async #discover(config: JobConfig, token: string, warnings: string[]): Promise<JobConfig['targetSchema']> {
    const client = this.#client(config, token, { maxAttempts: 1, timeoutMs: 10_000 });
    try {
      const discovered = await discoverTargetSchema(client);
      warnings.push(...discovered.warnings);
      return snapshotTargetSchema(discovered.registry);
    } catch (error) {
      warnings.push(
        `the target's schema could not be read (${error instanceof Error ? error.message : String(error)}); mappings are checked against the SCIM core schemas`,
      );
      return undefined;
    } finally {
      await client.close();
    }
  }

  #parse<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof ZodError) {
        const reason = error.issues.map((i) => `${zodPath(i.path) || '(root)'}: ${i.message}`).join('; ');
        throw new ProvisioningError('SCIMSYNC_ERR_PROVISIONING_INVALID_CONFIG', { reason }, { cause: error });
      }
      throw error;
    }
  }

  #view(
    app: ApplicationRecord,
    config: JobConfig,
    enabled: boolean,
    watermark: number | undefined,
    warnings: readonly string[],
  ): JobView {
    return {
      application: { id: app.id, name: app.name },
      enabled,
      targetUrl: config.targetUrl,
      profile: config.profile,
      scope: config.scope,
      options: config.options,
      tokenStored: true,
      watermark,
      targetSchemaDiscovered: config.targetSchema !== undefined,
      warnings,
    };
  }

  async getJob(ref: string): Promise<JobView> {
    const job = await this.#job(ref);
    return this.#view(job.app, job.config, job.enabled, job.watermark, []);
  }

  async setEnabled(ref: string, enabled: boolean): Promise<JobView> {
    return this.configure(ref, { enabled });
  }

  async testConnection(ref: string): Promise<ConnectionTestResult> {
    const { config, token } = await this.#job(ref);
    const matching = [...config.mappings.users.attributes]
      .filter((a) => a.matchingPrecedence !== undefined)
      .sort((a, b) => a.matchingPrecedence! - b.matchingPrecedence!)[0]?.target;
    return testConnection({
      ...this.#options.client,
      baseUrl: config.targetUrl,
      token,
      ...(matching === undefined ? {} : { matchingAttribute: matching }),
    });
  }

  async getMappings(ref: string): Promise<JobMappings> {
    return (await this.#job(ref)).config.mappings;
  }

  /** Replaces the mappings after checking them against the target's schema; starts a new initial cycle. */
  async setMappings(ref: string, mappings: unknown): Promise<JobMappings> {
    const job = await this.#job(ref);
    const shape = jobMappingsSchema.safeParse(mappings);
    const issues = shape.success
      ? mappingIssues(shape.data as JobMappings, job.config)
      : shape.error.issues.map((i) => ({ path: zodPath(i.path), message: i.message }));
    if (issues.length > 0) {
      throw new ProvisioningError(
        'SCIMSYNC_ERR_PROVISIONING_INVALID_MAPPINGS',
        { issues: issues.map((i) => `  ${i.path}: ${i.message}`).join('\n') },
        { issues: issues.map((i) => ({ path: i.path, message: i.message })) },
      );
    }
    const parsed = shape.data as JobMappings;
    const config: JobConfig = { ...job.config, mappings: parsed };
    await this.#store.provisioning.putJob(
      { ...job.record, config: jobConfigToJson(config), watermark: undefined },
      this.#now(),
    );
    return parsed;
  }

  async getScoping(ref: string, target: ScopingTarget): Promise<readonly ScopingFilter[]> {
    return (await this.getMappings(ref))[target].scoping;
  }

  async setScoping(
    ref: string,
    target: ScopingTarget,
    filters: readonly ScopingFilter[],
  ): Promise<readonly ScopingFilter[]> {
    const mappings = await this.getMappings(ref);
    const next = await this.setMappings(ref, {
      ...mappings,
      [target]: { ...mappings[target], scoping: filters },
    });
    return next[target].scoping;
  }

  /** Restart: the next cycle is initial. With `reset`, links and shadow values are forgotten too. */
  async restart(ref: string, options: { reset?: boolean } = {}): Promise<void> {
    const job = await this.#job(ref);
    if (options.reset === true) await this.#store.provisioning.clearJobState(job.app.id);
    await this.#store.provisioning.setWatermark(job.app.id, undefined, this.#now());
  }

  /** Runs one cycle now (whatever the job's On/Off status: that governs the scheduler). */
  async sync(ref: string, options: SyncOptions = {}): Promise<CycleSummary> {
    const job = await this.#job(ref);
    const client = this.#client(
      job.config,
      job.token,
      options.onRequest === undefined ? {} : { onRequest: options.onRequest },
    );
    try {
      return await runCycle(
        {
          store: this.#store.provisioning,
          source: this.#store.directory,
          client,
          ...(this.#options.clock === undefined ? {} : { clock: this.#options.clock }),
          ...(options.onEvent === undefined ? {} : { onEvent: options.onEvent }),
        },
        {
          job: job.record,
          config: job.config,
          app: job.app,
          schemas: targetSchemas(job.config.targetSchema),
          ...(options.full === undefined ? {} : { full: options.full }),
        },
      );
    } finally {
      await client.close();
    }
  }

  async cycles(ref: string, limit = 20): Promise<CycleRecord[]> {
    const job = await this.#job(ref);
    return this.#store.provisioning.listCycles(job.app.id, limit);
  }
}

/** `['users', 'attributes', 3, 'type']` → `users.attributes[3].type`, the form mapping issues use. */
function zodPath(path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out === '' ? part : `${out}.${part}`),
    '',
  );
}

/** The mapping checks: against the target's schema, and the profile's rules on what the target can filter by. */
function mappingIssues(mappings: JobMappings, config: JobConfig): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = validateJobMappings(
    mappings,
    targetSchemas(config.targetSchema),
  );
  const filterable = CONNECTOR_PROFILES[config.profile].rules.filterableAttributes;
  if (filterable !== undefined) {
    for (const [type, endpoint] of [
      ['users', 'Users'],
      ['groups', 'Groups'],
    ] as const) {
      mappings[type].attributes.forEach((a, i) => {
        if (a.matchingPrecedence !== undefined && !filterable[endpoint].includes(a.target)) {
          issues.push({
            path: `${type}.attributes[${i}].matchingPrecedence`,
            message: `the ${config.profile} target can only filter ${endpoint} by ${filterable[endpoint].join(', ')}, so "${a.target}" cannot be a matching attribute`,
          });
        }
      });
    }
  }
  return issues;
}
