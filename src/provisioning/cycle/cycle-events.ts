import type { PathOperation } from '../planner/index.js';

export const OBJECT_ACTIONS = ['Create', 'Update', 'Disable', 'Delete', 'Other'] as const;
export type ObjectAction = (typeof OBJECT_ACTIONS)[number];
export const OBJECT_OUTCOMES = ['Success', 'Failure', 'Skipped'] as const;
export type ObjectOutcome = (typeof OBJECT_OUTCOMES)[number];

/** One object's outcome in a cycle: what the logs record (values of redacted paths replaced). */
export interface ObjectEvent {
  readonly type: 'object';
  readonly cycleId: string;
  readonly objectType: 'user' | 'group';
  readonly sourceId: string;
  readonly displayName: string;
  readonly targetId: string | undefined;
  readonly action: ObjectAction;
  readonly outcome: ObjectOutcome;
  /** Entra-style code for failures and skips (DuplicateTargetEntries, NotEffectivelyEntitled, …). */
  readonly code?: string;
  readonly message?: string;
  readonly changes?: readonly PathOperation[];
}

export interface ProgressEvent {
  readonly type: 'progress';
  readonly cycleId: string;
  readonly phase: 'users' | 'groups' | 'memberships' | 'references' | 'cleanup';
  readonly done: number;
  /** Undefined when not known in advance. */
  readonly total: number | undefined;
}

export type CycleEvent = ObjectEvent | ProgressEvent;

export interface CycleSummary {
  readonly cycleId: string;
  readonly kind: 'initial' | 'incremental';
  readonly created: number;
  readonly updated: number;
  readonly disabled: number;
  readonly deleted: number;
  readonly skipped: number;
  readonly failed: number;
  /** HTTP requests sent to the target, retries included. */
  readonly requests: number;
  readonly durationMs: number;
  /** Memberships added and removed in the target. */
  readonly membersAdded: number;
  readonly membersRemoved: number;
  readonly watermark: number;
}

export const REDACTED = '[Redact]';
