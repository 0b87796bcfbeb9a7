import { diffRoster, validateRows, type Locale, type Problem, type Profile } from '../domain';
import type { RosterClient, SearchField } from '../client/RosterClient';
import type { RosterSheet } from '../excel/RosterSheet';
import { pulledUser } from '../excel/pulledUser';
import type { ScimUser } from '../scim/userValues';

export interface TenantSettings {
  slug: string;
  name: string;
  passwordClasses: number;
}

export type Progress = (done: number, total: number) => void;

/** Sheet names may not contain : \ / ? * [ ] and have at most 31 characters (Excel). */
export function asOfSheetName(at: Date, locale: Locale): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())} ${p(at.getHours())}.${p(at.getMinutes())}`;
  return locale === 'ja' ? `名簿 ${stamp}時点` : `Roster ${stamp}`;
}

export function rosterSheetName(locale: Locale): string {
  return locale === 'ja' ? '名簿' : 'Roster';
}

/**
 * What the pane does, without React: pull the roster (or a search result, or the roster as of a
 * past time) into the sheet, and validate the sheet in place.
 */
export class RosterController {
  profile?: Profile;
  tenant?: TenantSettings;

  constructor(
    private readonly client: RosterClient,
    private readonly sheet: RosterSheet,
    private readonly locale: Locale,
    private readonly operatorUserName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Reads the tenant's profile: the columns and rules everything else follows. */
  async init(): Promise<{ profile: Profile; tenant: TenantSettings }> {
    const { profile, tenant } = await this.client.tenantProfile();
    this.profile = profile;
    this.tenant = tenant;
    return { profile, tenant };
  }

  private need(): { profile: Profile; tenant: TenantSettings } {
    if (!this.profile || !this.tenant) throw new Error('init() first');
    return { profile: this.profile, tenant: this.tenant };
  }

  /** Pulls the whole roster, or the users a search finds, into the editable roster sheet. */
  async pull(progress?: Progress, search?: { field: SearchField; text: string }): Promise<number> {
    const users = search
      ? await this.client.search(search.field, search.text)
      : await this.client.listUsers(undefined, progress);
    await this.write(users, rosterSheetName(this.locale));
    return users.length;
  }

  /** Pulls the roster as it was at `at` into a separate read-only sheet; returns its name. */
  async pullAsOf(at: Date, progress?: Progress): Promise<{ count: number; sheetName: string }> {
    const users = await this.client.rosterAsOf(at, progress);
    const sheetName = asOfSheetName(at, this.locale);
    await this.write(users, sheetName, at);
    return { count: users.length, sheetName };
  }

  /** Writes pulled users to a sheet: the editable roster, or a read-only one as of `asOf`. */
  private async write(users: readonly ScimUser[], sheetName: string, asOf?: Date): Promise<void> {
    const { profile, tenant } = this.need();
    const meta = {
      tenant: tenant.slug,
      profileId: profile.id,
      locale: this.locale,
      sheetName,
      pulledAt: this.now().toISOString(),
    };
    await this.sheet.writeRoster(
      profile,
      users.map((u) => pulledUser(profile, u)),
      asOf ? { ...meta, asOf: asOf.toISOString() } : meta,
      asOf !== undefined,
    );
  }

  versions(): Promise<{ at: Date; changes: number }[]> {
    return this.client.versions();
  }

  /**
   * Every problem of the sheet: the profile's rules on every row (new rows as invitations,
   * existing ones as updates) and the changeset's (unknown or repeated ids, locked fields, the
   * operator's own role), marked on the cells. One problem per cell and code.
   */
  async validate(): Promise<Problem[]> {
    const { profile, tenant } = this.need();
    const baseline = await this.sheet.loadBaseline();
    if (!baseline) return [];
    const rows = await this.sheet.readRows(profile);
    const byId = new Map(baseline.users.map((u) => [u.id, u]));
    const flagged = rows.map((r) => {
      const b = r.id ? byId.get(r.id) : undefined;
      return b ? { ...r, flags: b.flags } : r;
    });
    const rules = validateRows(profile, flagged, {
      mode: 'register-invite',
      locale: this.locale,
      passwordClasses: tenant.passwordClasses,
    });
    const changes = diffRoster(baseline.users, flagged, {
      profile,
      operatorUserName: this.operatorUserName,
      locale: this.locale,
    });
    const seen = new Set<string>();
    const problems = [...rules, ...changes.problems].filter((p) => {
      const key = `${p.rowNumber}|${p.column}|${p.code}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    problems.sort((a, b) => (a.rowNumber ?? Infinity) - (b.rowNumber ?? Infinity));
    await this.sheet.markProblems(problems);
    return problems;
  }
}
