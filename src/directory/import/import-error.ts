/**
 * Import failures point at the exact record: the file, the line the record starts on, its
 * location in the document (`users[12]`, or the CSV column) and the field. All problems found
 * before any write are reported together, so one run shows every fix to make.
 */

export interface ImportIssue {
  readonly file: string;
  /** 1-based line where the record (or, for malformed input, the fault) is. */
  readonly line: number;
  /** JSON location such as `users[12].accountEnabled`, or `row 3` for CSV. */
  readonly location?: string;
  /** The attribute or column concerned. */
  readonly field?: string;
  readonly message: string;
}

export function formatImportIssue(issue: ImportIssue): string {
  const field =
    issue.field === undefined || issue.location?.endsWith(issue.field) === true ? '' : ` (${issue.field})`;
  const where = issue.location === undefined ? '' : ` ${issue.location}${field}:`;
  return `${issue.file}:${issue.line}:${where} ${issue.message}`;
}

/** Reports at most this many problems: a wholly wrong file should not print 100,000 lines. */
export const MAX_REPORTED_ISSUES = 50;

export class DirectoryImportError extends Error {
  override readonly name = 'DirectoryImportError';
  readonly issues: readonly ImportIssue[];

  constructor(issues: readonly ImportIssue[], options?: { cause?: unknown }) {
    const shown = issues.slice(0, MAX_REPORTED_ISSUES).map(formatImportIssue);
    const more =
      issues.length > MAX_REPORTED_ISSUES ? [`… and ${issues.length - MAX_REPORTED_ISSUES} more`] : [];
    const head = issues.length === 1 ? '' : `${issues.length} problems in the import; nothing was written:\n`;
    super(head + [...shown, ...more].join('\n'), options);
    this.issues = issues;
  }
}

/** Collects issues while a pass continues past the first one. */
export class IssueCollector {
  readonly issues: ImportIssue[] = [];
  constructor(readonly file: string) {}

  add(line: number, message: string, location?: string, field?: string): void {
    this.issues.push({
      file: this.file,
      line,
      message,
      ...(location === undefined ? {} : { location }),
      ...(field === undefined ? {} : { field }),
    });
  }

  /** Throws when anything was collected. */
  throwIfAny(): void {
    if (this.issues.length > 0) throw new DirectoryImportError(this.issues);
  }
}
