// The sheet tools of issue 15, without React: the problems filter, the column guide, a new roster.
import { choiceText, columnGuide, exampleRow, type Locale } from '../domain';
import type { RosterSheet } from '../excel/RosterSheet';
import { problemRow } from './checkMarks';
import { rosterSheetName, type RosterController } from './RosterController';

/** The guide sheet's name (Excel: at most 31 characters, none of : \ / ? * [ ]). */
export const GUIDE_SHEET: Record<Locale, string> = { ja: '列の説明', en: 'Column guide' };

export type NewRosterResult =
  | { kind: 'written'; sheetName: string }
  | { kind: 'hasUsers'; users: number }
  | { kind: 'unsent'; unsent: number };

export class SheetTools {
  constructor(
    private readonly controller: RosterController,
    private readonly sheet: RosterSheet,
    private readonly locale: Locale,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Shows only the rows whose result says they have a problem (checked first, so every row with
   * one says so), or every row again. Returns how many rows are shown.
   */
  async showOnlyProblems(on: boolean): Promise<number> {
    if (!on) return this.sheet.filterResults(null);
    await this.controller.validate();
    return this.sheet.filterResults(problemRow(this.locale));
  }

  /** Writes the 列の説明 sheet (replacing an older one); returns its name. */
  async columnGuide(): Promise<string> {
    const profile = this.controller.profile;
    if (!profile) throw new Error('init() first');
    const name = GUIDE_SHEET[this.locale];
    await this.sheet.writeTable(
      name,
      columnGuide(profile, this.locale, (col, v) => choiceText(col, v, this.locale)),
    );
    return name;
  }

  /**
   * A new, empty roster holding the example row, for a tenant with no users yet but the signed-in
   * admin (a pull shows the admin's own row later); refused over
   * unsent changes (they would be lost) and where users exist (a pull shows them).
   */
  async newRoster(): Promise<NewRosterResult> {
    const { profile, tenant } = this.controller;
    if (!profile || !tenant) throw new Error('init() first');
    const unsent = await this.controller.unsentChanges();
    if (unsent > 0) return { kind: 'unsent', unsent };
    const users = await this.controller.otherUserCount();
    if (users > 0) return { kind: 'hasUsers', users };
    const sheetName = rosterSheetName(this.locale);
    await this.sheet.writeNewRoster(
      profile,
      {
        tenant: tenant.slug,
        profileId: profile.id,
        locale: this.locale,
        sheetName,
        pulledAt: this.now().toISOString(),
      },
      exampleRow(profile, this.locale),
    );
    return { kind: 'written', sheetName };
  }
}
