import { OfficeRosterSheet, type ExcelRun } from './OfficeRosterSheet';
import type { RosterSheet } from './RosterSheet';

/** What the add-in needs to know about its Office host at start. */
export interface HostInfo {
  /** Office's UI language, e.g. `ja-JP` (Office.context.displayLanguage). */
  displayLanguage: string;
  /** Whether Excel can write notes (ExcelApi 1.18); otherwise the add-in uses threaded comments. */
  supportsNotes: boolean;
}

/**
 * Resolves once Office.js has initialized in an Excel host. The only place the pane and the
 * ribbon commands learn about Office (docs: Office.onReady, Office.context.displayLanguage,
 * Office.context.requirements.isSetSupported).
 */
export async function officeReady(): Promise<HostInfo> {
  await Office.onReady();
  return {
    displayLanguage: Office.context.displayLanguage ?? 'en-US',
    supportsNotes: Office.context.requirements.isSetSupported('ExcelApi', '1.18'),
  };
}

/** The roster sheet of the workbook the pane runs in (Excel.run per use case). */
export function officeRosterSheet(host: HostInfo): RosterSheet {
  void host; // requirement sets are asked per use, from Office.context.requirements
  const run = ((
    first: Excel.RequestContext | ((ctx: Excel.RequestContext) => Promise<unknown>),
    batch?: (ctx: Excel.RequestContext) => Promise<unknown>,
  ) => (typeof first === 'function' ? Excel.run(first) : Excel.run(first, batch!))) as ExcelRun;
  return new OfficeRosterSheet(run, Office.context.requirements);
}
