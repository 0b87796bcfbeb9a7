import type { Locale, Problem, Profile, RosterRow } from '../domain';
import type { PulledUser } from './sheetLayout';

/** What the workbook remembers of a pull, beside the users themselves. */
export interface RosterMeta {
  tenant: string;
  profileId: Profile['id'];
  locale: Locale;
  sheetName: string;
  /** ISO time of the pull. */
  pulledAt: string;
  /** For a read-only roster as of a past time. */
  asOf?: string;
}

/** The baseline: what was pulled, to compare the sheet with (kept in the workbook). */
export interface Baseline {
  meta: RosterMeta;
  users: PulledUser[];
}

/** A cell Excel did not keep as the text written (a formula, a number, lost digits). */
export interface MangledCell {
  rowNumber: number;
  column: string;
  wrote: string;
  got: string;
}

export class SheetWriteError extends Error {
  constructor(readonly cells: readonly MangledCell[]) {
    super(
      `Excel changed ${cells.length} cell(s) while writing the roster (first: row ${cells[0]?.rowNumber}, ${cells[0]?.column}).`,
    );
    this.name = 'SheetWriteError';
  }
}

/** One cell to write: its sheet row, its column key (`#id`, `result`, …) and the text. */
export interface CellWrite {
  rowNumber: number;
  column: string;
  value: string;
}

/** Rows appended to a log sheet (the receipt), which is made with `header` when missing. */
export interface LogRows {
  sheetName: string;
  header: readonly string[];
  rows: readonly (readonly string[])[];
}

/** What one submission writes back. */
export interface SubmissionWrites {
  /** Results, assigned values and cleared cells of the roster sheet. */
  cells: readonly CellWrite[];
  /** The new baseline: what the server now holds. */
  baseline: Baseline;
  /** The receipt. */
  log: LogRows;
  /** The problems to mark (replacing the marks made before). */
  problems: readonly Problem[];
  /** The light fill of changed cells after the submission (sent rows lose theirs). */
  marks?: CheckMarks;
}

/** A cell by sheet row and column key. */
export interface CellRef {
  rowNumber: number;
  column: string;
}

/** What a check shows on the sheet beside the problems (issue 15). */
export interface CheckMarks {
  /** Cells that differ from what was pulled, or were typed into new rows: a light fill. */
  changed: readonly CellRef[];
  /**
   * The result text of a row with problems (未送信（問題あり）): written to rows with problems,
   * cleared from rows that no longer have any, so a filter on the result column finds them.
   * Choice cells holding only a code or a label are shown in the seed's notation too.
   */
  problemResult?: string;
}

export interface MarkReport {
  /** Cells filled as bad. */
  marked: number;
  /** Cells that also got a note or comment (capped; the pane lists every problem). */
  noted: number;
}

/**
 * The roster as the add-in sees the workbook. The only way the pane touches Excel; the
 * Office.js implementation is OfficeRosterSheet, tests use it on a strict fake.
 */
export interface RosterSheet {
  /** Writes the roster as a table on its own sheet; an editable one also becomes the baseline. */
  writeRoster(
    profile: Profile,
    users: readonly PulledUser[],
    meta: RosterMeta,
    readOnly?: boolean,
  ): Promise<void>;
  /** The baseline of the last editable pull, if the workbook has one. */
  loadBaseline(): Promise<Baseline | undefined>;
  /** The rows on the roster sheet now, by sheet row number. */
  readRows(profile: Profile): Promise<RosterRow[]>;
  /** `loadBaseline` and `readRows` at once, in fewer round trips to Excel. */
  readSheet(profile: Profile): Promise<{ baseline: Baseline | undefined; rows: RosterRow[] }>;
  /**
   * Cells of the last `readRows` that Excel turned into a number, date, TRUE/FALSE or formula
   * (typed into a text column below the formatted rows): problems, so they are marked, not sent.
   */
  excelProblems(): Problem[];
  /**
   * Fills bad cells and notes them (replacing only the marks the add-in made before); with
   * `marks`, also fills changed cells lightly and keeps the result column and choice cells in step.
   */
  markProblems(problems: readonly Problem[], marks?: CheckMarks): Promise<MarkReport>;
  /**
   * Shows only the rows whose result cell `match` accepts (the table's AutoFilter), or every row
   * again with `null`. Returns how many rows are shown (0 with nothing to show: no filter then).
   */
  filterResults(match: ((result: string) => boolean) | null): Promise<number>;
  /** The text of a cell as the last `readRows` found it (what the admin typed), by column key. */
  cellText(rowNumber: number, column: string): string | undefined;
  /** A new, empty roster like a pull's (an empty baseline), holding one example new row. */
  writeNewRoster(
    profile: Profile,
    meta: RosterMeta,
    example: Readonly<Record<string, string>>,
  ): Promise<void>;
  /** Selects a cell of the roster sheet (from the problems list). */
  selectCell(rowNumber: number, column: string): Promise<void>;
  /**
   * The sheet rows (1-based, inclusive ranges) the admin has selected on the roster sheet; []
   * when the selection is on another sheet. A whole-column selection gives the whole sheet.
   */
  selectedRowRanges(): Promise<[number, number][]>;
  /** Writes cells of the roster sheet by row number and column key (ids, keys, results…). */
  writeCells(cells: readonly CellWrite[]): Promise<void>;
  /** Writes a plain table of text on a new sheet (error export), and shows it. */
  writeTable(sheetName: string, grid: readonly (readonly string[])[]): Promise<void>;
  /**
   * Writes back what a submission did in as few syncs as the payload limit allows: the cells,
   * the new baseline, the receipt rows and the marks, sharing syncs (one call instead of
   * writeCells, saveBaseline, an append to the log and markProblems, each syncing on its own).
   */
  finishSubmission(writes: SubmissionWrites): Promise<MarkReport>;
  /** Replaces the baseline (after a submission changed the server). */
  saveBaseline(baseline: Baseline): Promise<void>;
  /** Calls back when the admin edits the roster sheet; returns the unsubscribe function. */
  onEdited(handler: () => void): Promise<() => Promise<void>>;
}
