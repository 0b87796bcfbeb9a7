import {
  diffRoster,
  validateRows,
  type Changeset,
  type Locale,
  type Problem,
  type Profile,
  type RosterRow,
} from '../domain';
import { Submitter, type SubmitOptions, type SubmitOutcome } from '../client/Submitter';
import type { Baseline, CellWrite, LogRows } from '../excel/RosterSheet';
import { KEY_HEADER, RESULT_KEY, VERSION_HEADER, displayValue, type PulledUser } from '../excel/sheetLayout';
import type { RegistrationMode, SubmitOp } from '../scim/operations';
import { operationsFor } from '../scim/operations';
import { countPending, sendRegistrationMail, type RegistrationMailSummary } from './registrationMail';
import { RECEIPT_SHEET, receiptHeader, receiptLines } from './receipt';
import { strings } from './i18n';
import { heldBack, nextBaseline, notSentCells, outcomeProblems, resultCells } from './submission';
import { checkMarks } from './checkMarks';
import type { MailStatus, RosterClient, SearchField } from '../client/RosterClient';
import type { ServerFeatures } from '../client/scimDiscovery';
import type { RosterSheet } from '../excel/RosterSheet';
import { pulledUser } from '../excel/pulledUser';
import { ScimUser as ScimUserSchema, type ScimUser } from '../scim/userValues';

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

  /** What the server offers (another SCIM service lacks as-of rosters, mail, dry runs). */
  get features(): ServerFeatures {
    return this.client.features;
  }

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

  /** Whether the workbook holds an editable roster pulled before (so the pane starts at step ③). */
  async hasRoster(): Promise<boolean> {
    const baseline = await this.sheet.loadBaseline();
    return baseline !== undefined && !baseline.meta.asOf;
  }

  /** Pulls the whole roster, or the users a search finds, into the editable roster sheet. */
  async pull(progress?: Progress, search?: { field: SearchField; text: string }): Promise<number> {
    const { profile } = this.need();
    const users = search
      ? await this.client.search(search.field, search.text, {
          registeredOnly: profile.registration.searchHidesPending,
        })
      : await this.client.listUsers(undefined, progress);
    await this.write(users, rosterSheetName(this.locale));
    return users.length;
  }

  /**
   * Rows of the roster sheet a new pull or search would discard: added, changed and deleted
   * rows, and rows whose id the baseline does not know (0 before the first pull).
   */
  async unsentChanges(): Promise<number> {
    const { profile } = this.need();
    const baseline = await this.sheet.loadBaseline();
    if (!baseline) return 0;
    const changeset = diffRoster(baseline.users, await this.sheet.readRows(profile), {
      profile,
      operatorUserName: this.operatorUserName,
      locale: this.locale,
    });
    const stray = new Set(
      changeset.problems
        .filter((p) => p.code === 'unknownId' || p.code === 'duplicate')
        .map((p) => p.rowNumber),
    );
    return changeset.additions.length + changeset.updates.length + changeset.deletions.length + stray.size;
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

  /**
   * How many users the tenant has besides the signed-in admin (RFC 7644 3.4.2.4: `count=0`
   * gives totalResults only; 3.4.2.2 filters).
   */
  async otherUserCount(): Promise<number> {
    const total = async (query: string) => {
      const { json } = await this.client.request('GET', `/scim/v2/Users?count=0${query}`);
      return Number((json as { totalResults?: unknown } | undefined)?.totalResults ?? 0);
    };
    const self = JSON.stringify(this.operatorUserName);
    return (await total('')) - (await total(`&filter=${encodeURIComponent(`userName eq ${self}`)}`));
  }

  versions(): Promise<{ at: Date; changes: number }[]> {
    return this.client.versions();
  }

  /**
   * Every problem of the sheet: the profile's rules on every row (new rows as invitations or
   * with a set password, existing ones as updates) and the changeset's (unknown or repeated ids,
   * locked fields, the operator's own role). One problem per cell and code.
   */
  private check(
    baseline: Baseline,
    rows: RosterRow[],
    mode: RegistrationMode = 'invite',
    passwordUpdates = false,
  ) {
    const { profile, tenant } = this.need();
    const byId = new Map(baseline.users.map((u) => [u.id, u]));
    const flagged = rows.map((r) => {
      const b = r.id ? byId.get(r.id) : undefined;
      return b ? { ...r, flags: b.flags } : r;
    });
    const rules = validateRows(profile, flagged, {
      mode: mode === 'invite' ? 'register-invite' : 'register-password',
      locale: this.locale,
      passwordClasses: tenant.passwordClasses,
    });
    if (passwordUpdates) {
      // New passwords of existing users: the tenant's password rule, and never for self-registered users.
      const typed = flagged.filter((r) => r.id && (r.values.password ?? '') !== '');
      const pw = validateRows(profile, typed, {
        mode: 'update-password',
        locale: this.locale,
        passwordClasses: tenant.passwordClasses,
      });
      rules.push(...pw.filter((p) => p.column === 'password'));
    }
    const changeset = diffRoster(baseline.users, flagged, {
      profile,
      operatorUserName: this.operatorUserName,
      locale: this.locale,
      passwordUpdates,
    });
    const excel = this.sheet.excelProblems();
    return { changeset, problems: dedupe([...excel, ...rules, ...changeset.problems]) };
  }

  /** Checks the sheet and marks every problem on its cell. */
  async validate(): Promise<Problem[]> {
    const { profile } = this.need();
    const { baseline, rows } = await this.sheet.readSheet(profile);
    if (!baseline) return [];
    const { problems, changeset } = this.check(baseline, rows);
    await this.sheet.markProblems(problems, checkMarks(profile, changeset, rows, this.locale));
    return problems;
  }

  /**
   * What a submission would do now, for the review: the changeset and its problems, the rows of
   * the changeset and how many of them will not be sent (held back for their problems).
   */
  async review(
    mode: RegistrationMode = 'invite',
    passwordUpdates = false,
  ): Promise<{
    changeset: Changeset;
    problems: Problem[];
    baselineSize: number;
    rows: number;
    notSent: number;
  }> {
    const { profile } = this.need();
    const { baseline, rows } = await this.sheet.readSheet(profile);
    if (!baseline) throw new Error('Pull the roster first.');
    const { changeset, problems } = this.check(baseline, rows, mode, passwordUpdates);
    // No key is sent from a review; the operations only tell which rows would go.
    const ops = operationsFor(profile, { ...changeset, problems }, { mode, clientKeyOf: () => '' });
    const held = heldBack({ ...changeset, problems }, ops);
    return { changeset, problems, baselineSize: baseline.users.length, rows: held.rows, notSent: held.held };
  }

  /** Copies the rows with problems to a new sheet with a reason column; returns its name. */
  async exportErrors(): Promise<{ sheetName: string; rows: number }> {
    const { profile } = this.need();
    const { baseline, rows } = await this.sheet.readSheet(profile);
    if (!baseline) throw new Error('Pull the roster first.');
    const { problems } = this.check(baseline, rows);
    const reasons = new Map<number, string[]>();
    for (const p of problems)
      if (p.rowNumber !== null) reasons.set(p.rowNumber, [...(reasons.get(p.rowNumber) ?? []), p.message]);
    const columns = profile.columns.filter((c) => !c.writeOnly);
    const ja = this.locale === 'ja';
    const header = [
      ja ? '行' : 'Row',
      ...columns.map((c) => c.header[this.locale]),
      ja ? 'エラー内容' : 'Reason',
    ];
    const body = rows
      .filter((r) => reasons.has(r.rowNumber))
      .map((r) => [
        String(r.rowNumber),
        // What the admin typed (管理者, not the code), exported as text (issue 15).
        ...columns.map((c) => this.sheet.cellText(r.rowNumber, c.key) ?? r.values[c.key] ?? ''),
        reasons.get(r.rowNumber)!.join('\n'),
      ]);
    const t = this.now();
    const p = (n: number) => String(n).padStart(2, '0');
    const sheetName = `${ja ? 'エラー行' : 'Error rows'} ${p(t.getMonth() + 1)}-${p(t.getDate())} ${p(t.getHours())}.${p(t.getMinutes())}.${p(t.getSeconds())}`;
    await this.sheet.writeTable(sheetName, [header, ...body]);
    return { sheetName, rows: body.length };
  }

  /**
   * Submits the sheet: rows with problems stay marked and unsent; new rows get a client key on
   * the sheet before anything is sent (so a retry, even after the pane was closed, finds them
   * instead of creating them again); each sent row gets its result; the baseline becomes what
   * the server now holds. With `dryRun`, the server checks everything and nothing is written.
   */
  async submit(
    options: SubmitOptions & {
      mode?: RegistrationMode;
      passwordUpdates?: boolean;
      newKey?: () => string;
    } = {},
  ): Promise<SubmitSummary> {
    const { profile } = this.need();
    const mode = options.mode ?? 'invite';
    const { baseline, rows } = await this.sheet.readSheet(profile);
    if (!baseline) throw new Error('Pull the roster first.');
    const newKey = options.newKey ?? (() => `rs-${crypto.randomUUID()}`);
    const keyCells: CellWrite[] = [];
    // New rows that already carry a key were sent before and their answer never came back.
    const keyedBefore = rows.filter((r) => !r.id && r.clientKey).map((r) => r.clientKey!);
    for (const r of rows) {
      if (r.id || r.clientKey) continue;
      r.clientKey = newKey();
      keyCells.push({ rowNumber: r.rowNumber, column: KEY_HEADER, value: r.clientKey });
    }
    if (!options.dryRun && keyCells.length > 0) await this.sheet.writeCells(keyCells);

    const { changeset, problems } = this.check(baseline, rows, mode, options.passwordUpdates ?? false);
    const keyOf = new Map(rows.map((r) => [r.rowNumber, r.clientKey ?? '']));
    // The server may have those already: found ones are done, not sent again.
    const earlier = await this.client.findByExternalIds(keyedBefore);
    const ops = operationsFor(
      profile,
      { ...changeset, problems },
      { mode, clientKeyOf: (a) => keyOf.get(a.rowNumber)! },
    );
    const toSend = ops.filter((o) => !(o.kind === 'create' && earlier.has(o.clientKey)));
    const sent = await new Submitter(this.client, profile).submit(toSend, options);
    const found: SubmitOutcome[] = ops
      .filter(
        (o): o is Extract<SubmitOp, { kind: 'create' }> => o.kind === 'create' && earlier.has(o.clientKey),
      )
      .map((op) => ({
        op,
        status: 'done',
        id: earlier.get(op.clientKey)!.id,
        version: earlier.get(op.clientKey)!.meta?.version ?? '',
        user: earlier.get(op.clientKey)!,
      }));
    const outcomes = [...sent, ...found];
    const serverProblems = outcomeProblems(outcomes, this.locale, profile.userNameColumn);
    const count = (s: SubmitOutcome['status']) => outcomes.filter((o) => o.status === s).length;
    const held = heldBack({ ...changeset, problems }, ops);
    const summary: SubmitSummary = {
      rows: held.rows,
      notSent: held.held + count('skipped'),
      additions: changeset.additions.length,
      updates: changeset.updates.length,
      deletions: changeset.deletions.length,
      done: count('done'),
      failed: count('failed'),
      conflicts: count('conflict'),
      skipped: count('skipped'),
      conflictRows: outcomes.flatMap((o) =>
        o.status === 'conflict' && o.op.kind === 'update' ? [o.op.rowNumber] : [],
      ),
      problems: dedupe([...problems, ...serverProblems]),
    };
    if (!options.dryRun) {
      const passwordColumn = profile.columns.find((c) => c.writeOnly)?.key;
      const cells = [
        ...notSentCells(held.heldRows, this.locale),
        ...resultCells(outcomes, this.locale, passwordColumn),
      ];
      // What the server filled in for new users (assigned user ID, member number, status): in
      // each Bulk answer from this server; another server's users are read back by client key.
      const created = new Map<string, ScimUser>();
      const unread: string[] = [];
      for (const o of outcomes) {
        if (o.status !== 'done' || o.op.kind !== 'create') continue;
        if (o.user) created.set(o.op.clientKey, o.user);
        else unread.push(o.op.clientKey);
      }
      for (const [key, u] of await this.client.findByExternalIds(unread)) created.set(key, u);
      // Sent choices in the seed's notation (`管理者` typed shows as `2:管理者` once sent).
      const byRow = new Map(rows.map((r) => [r.rowNumber, r]));
      for (const o of outcomes) {
        if (o.status !== 'done' || o.op.kind !== 'update') continue;
        const row = byRow.get(o.op.rowNumber);
        for (const col of profile.columns) {
          if (!row || !col.options) continue;
          const value = row.values[col.key] ?? '';
          if (col.options.some((x) => x.value === value))
            cells.push({
              rowNumber: row.rowNumber,
              column: col.key,
              value: displayValue(col, value, this.locale),
            });
        }
      }
      const next = nextBaseline(baseline, rows, outcomes);
      const fresh = new Map<string, PulledUser>();
      for (const o of outcomes) {
        if (o.status !== 'done' || o.op.kind !== 'create') continue;
        const u = created.get(o.op.clientKey);
        if (!u) continue;
        const pulled = pulledUser(profile, u);
        fresh.set(pulled.id, pulled);
        for (const col of profile.columns) {
          if (col.writeOnly) continue;
          cells.push({
            rowNumber: o.op.rowNumber,
            column: col.key,
            value: displayValue(col, pulled.values[col.key] ?? '', this.locale),
          });
        }
      }
      // Sent rows lose the light fill of unsent changes; the others keep it.
      const sentRows = new Set(
        outcomes.flatMap((o) => (o.status === 'done' && o.op.kind !== 'delete' ? [o.op.rowNumber] : [])),
      );
      // One write-back: cells, baseline, receipt and marks share their syncs.
      await this.sheet.finishSubmission({
        cells,
        baseline: { ...next, users: next.users.map((u) => fresh.get(u.id) ?? u) },
        log: this.receipt(summary, outcomes, held.heldRows, rows, fresh),
        problems: summary.problems,
        marks: checkMarks(profile, changeset, rows, this.locale, (n) => !sentRows.has(n)),
      });
    } else await this.sheet.markProblems(summary.problems, checkMarks(profile, changeset, rows, this.locale));
    return summary;
  }

  /** What a submission did, for the 送信記録 sheet: when, who, where, counts, every row. */
  private receipt(
    summary: SubmitSummary,
    outcomes: readonly SubmitOutcome[],
    heldRows: readonly number[],
    rows: readonly RosterRow[],
    fresh: ReadonlyMap<string, PulledUser>,
  ): LogRows {
    const { profile, tenant } = this.need();
    const byRow = new Map(rows.map((r) => [r.rowNumber, r]));
    const assigned = new Map<number, string>();
    for (const o of outcomes)
      if (o.status === 'done' && o.op.kind === 'create')
        assigned.set(o.op.rowNumber, fresh.get(o.id)?.values[profile.userNameColumn] ?? '');
    const s = strings[this.locale].submit;
    const lines = receiptLines(
      {
        at: this.now(),
        who: this.operatorUserName,
        server:
          this.locale === 'ja'
            ? `${this.client.tenantUrl}（${tenant.name}）`
            : `${this.client.tenantUrl} (${tenant.name})`,
        counts: s.tally(
          summary.done,
          summary.notSent,
          summary.skipped,
          summary.failed,
          summary.conflicts,
          summary.rows,
        ),
        outcomes,
        held: heldRows.map((n) => ({ rowNumber: n, isNew: !byRow.get(n)?.id })),
        problems: summary.problems,
        userOf: (n) => byRow.get(n)?.values[profile.userNameColumn] || assigned.get(n) || '',
      },
      this.locale,
    );
    return { sheetName: RECEIPT_SHEET[this.locale], header: receiptHeader(this.locale), rows: lines };
  }

  /** Sends the registration mail now to the users of the selected rows (see sendRegistrationMail). */
  async sendRegistrationMail(): Promise<RegistrationMailSummary> {
    return sendRegistrationMail(this.client, this.sheet, this.need().profile, this.locale);
  }

  /** Users of the roster sheet who have not registered yet (仮登録 / 利用待ち). */
  async pendingRegistrations(): Promise<number> {
    return countPending(this.sheet, this.need().profile);
  }

  /** Sends the registration mail to every user of the sheet who has not registered yet. */
  async sendRegistrationMailToAllPending(): Promise<RegistrationMailSummary> {
    return sendRegistrationMail(this.client, this.sheet, this.need().profile, this.locale, 'allPending');
  }

  /** Mail not delivered yet or failed, so the admin sees what did not reach users. */
  mailStatus(): Promise<MailStatus> {
    return this.client.mailStatus();
  }

  retryFailedMail(): Promise<number> {
    return this.client.retryFailedMail();
  }

  /**
   * A conflicted row next to the server's current user: the fields where they differ
   * (what the sheet says and what the server holds now).
   */
  async conflict(
    rowNumber: number,
  ): Promise<{ id: string; differences: { column: string; sheet: string; server: string }[] }> {
    const { profile } = this.need();
    const row = (await this.sheet.readRows(profile)).find((r) => r.rowNumber === rowNumber);
    if (!row?.id) throw new Error(`Row ${rowNumber} is not an existing user.`);
    const server = pulledUser(
      profile,
      ScimUserSchema.parse((await this.client.request('GET', `/scim/v2/Users/${row.id}`)).json),
    );
    const differences = profile.columns
      .filter((c) => !c.writeOnly && (row.values[c.key] ?? '') !== (server.values[c.key] ?? ''))
      .map((c) => ({ column: c.key, sheet: row.values[c.key] ?? '', server: server.values[c.key] ?? '' }));
    return { id: row.id, differences };
  }

  /**
   * Settles a conflict: `server` takes the server's current values into the row; `overwrite`
   * keeps the sheet's values and takes only the server's version, so the next submission
   * replaces what the other administrator did, deliberately.
   */
  async resolveConflict(rowNumber: number, choice: 'server' | 'overwrite'): Promise<void> {
    const { profile } = this.need();
    const baseline = await this.sheet.loadBaseline();
    const row = (await this.sheet.readRows(profile)).find((r) => r.rowNumber === rowNumber);
    if (!baseline || !row?.id) throw new Error(`Row ${rowNumber} is not an existing user.`);
    const server = pulledUser(
      profile,
      ScimUserSchema.parse((await this.client.request('GET', `/scim/v2/Users/${row.id}`)).json),
    );
    const cells: CellWrite[] = [
      { rowNumber, column: VERSION_HEADER, value: server.version },
      { rowNumber, column: RESULT_KEY, value: '' },
    ];
    if (choice === 'server') {
      for (const col of profile.columns) {
        if (!col.writeOnly)
          cells.push({
            rowNumber,
            column: col.key,
            value: displayValue(col, server.values[col.key] ?? '', this.locale),
          });
      }
    }
    await this.sheet.writeCells(cells);
    // The baseline holds what the server has now, so the sheet's edits are the changes to send.
    await this.sheet.saveBaseline({
      ...baseline,
      users: baseline.users.map((u) => (u.id === server.id ? server : u)),
    });
    await this.validate();
  }
}

/** What a submission did, for the pane. */
export interface SubmitSummary {
  /** Rows of the changeset: done + notSent + failed + conflicts. */
  rows: number;
  /** Rows not sent: held back for their problems, or cancelled before they went. */
  notSent: number;
  additions: number;
  updates: number;
  deletions: number;
  done: number;
  failed: number;
  conflicts: number;
  /** Of notSent, the rows a cancel stopped. */
  skipped: number;
  /** Sheet rows that conflicted (changed on the server since the pull). */
  conflictRows: number[];
  problems: Problem[];
}

function dedupe(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  const out = problems.filter((p) => {
    const key = `${p.rowNumber}|${p.id ?? ''}|${p.column}|${p.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return out.sort((a, b) => (a.rowNumber ?? Infinity) - (b.rowNumber ?? Infinity));
}
