import type { CanonicalRecord, CompanyPreferences, EntityKind, RecordProblem, Side } from '../domain/records';

/** What one read of a source returns. A source that cannot be read throws a SentinelError instead. */
export interface SourceRead {
  /**
   * `full`: `records` is everything the source holds now; what the store had and is not here is gone.
   * `incremental`: only what changed since the cursor; `deleted` names what disappeared.
   */
  mode: 'full' | 'incremental';
  records: CanonicalRecord[];
  deleted?: Array<{ entity: EntityKind; sourceId: string }>;
  /**
   * `incremental` only: entities this read nonetheless returned in whole (a vendor list with no
   * updated-since filter, read every time). What the store holds of them and is not here is gone.
   */
  complete?: EntityKind[];
  problems: RecordProblem[];
  /**
   * Entities this read could not take in whole (a malformed file, a failed page). The store keeps
   * their previous records and no finding is drawn from their absence.
   */
  unreadable?: Array<{ entity: EntityKind; reason: string }>;
  /** Opaque state for the next read: the resume point of an incremental read, or what a full read saw last. */
  cursor?: string;
  /** QuickBooks only: the company's settings that shape the rules. */
  preferences?: CompanyPreferences;
  /** Files or pages read, for the poll log ("3 files, 412 rows"). */
  summary?: string;
  /** Columns of the files read that no mapping uses, per file: `sources test` lists them. */
  unusedColumns?: Array<{ file: string; columns: string[] }>;
  /** What is wrong with the input beside single records (a mapped column gone from an export): `sources test` prints them. */
  warnings?: string[];
  /** Lines for the poll log that are new this read (a file's columns changed); the source gives each once, not every poll. */
  notices?: SourceNotice[];
}

export interface SourceNotice {
  level: 'info' | 'warn';
  message: string;
}

export interface SourceReadContext {
  now: Date;
  cursor?: string;
  signal?: AbortSignal;
}

export interface SourcePort {
  readonly id: string;
  readonly side: Side;
  /** Human name for alerts: "QuickBooks Online (Acme HVAC)", "FieldPro export". */
  readonly displayName: string;
  read(ctx: SourceReadContext): Promise<SourceRead>;
  close?(): Promise<void>;
}
