import {
  formatProblem,
  validateRows,
  withoutRowPrefix,
  type Locale,
  type MessageKey,
  type Problem,
  type ProblemCode,
  type Profile,
  type RowFlags,
} from '../../domain';
import { ScimError } from '../../scim/ScimError';
import type { UserInput } from '../../scim/userResource';
import type { TenantInfo } from '../context';

/** The row number rule problems are judged under; stripped again from messages (one resource). */
const ROW = 1;

/** A problem the server found, in the domain's shape. */
export function serverProblem(
  profile: Profile,
  locale: Locale,
  column: string,
  code: ProblemCode,
  key: MessageKey,
  params: { v?: string; n?: number } = {},
): Problem {
  const h = profile.columns.find((c) => c.key === column)?.header[locale] ?? column;
  return { rowNumber: ROW, column, code, message: formatProblem(ROW, locale, key, { h, ...params }) };
}

/**
 * The SCIM error for rule problems: 409 `uniqueness` when a value is taken, 400 `mutability`
 * for read-only fields, else 400 `invalidValue`; every problem rides along per column.
 */
export function problemsError(problems: readonly Problem[], locale: Locale): ScimError {
  const items = problems.map((p) => ({
    column: p.column,
    code: p.code,
    message: withoutRowPrefix(p.message, p.rowNumber, locale),
  }));
  const detail = items.map((p) => p.message).join(' ');
  if (problems.some((p) => p.code === 'duplicate')) return new ScimError(409, detail, 'uniqueness', items);
  if (problems.some((p) => p.code === 'readOnly')) return new ScimError(400, detail, 'mutability', items);
  return new ScimError(400, detail, 'invalidValue', items);
}

/** The full row values of a new user: what the client sent, profile defaults for what it left out. */
export function valuesForCreate(profile: Profile, input: UserInput): Record<string, string> {
  const values: Record<string, string> = {};
  for (const col of profile.columns) {
    if (col.writeOnly || col.serverManaged) continue;
    values[col.key] = input.values[col.key] ?? col.defaultValue ?? '';
  }
  if (input.active === false && input.values.status === undefined && 'status' in values) {
    values.status = profile.inactiveStatus;
  }
  return values;
}

/**
 * The profile rules for new users, per input, in one validateRows call per registration mode
 * (a password given or not) rather than one per user. Duplicates within the batch are left to
 * the caller, which lets the first of them win as sequential Bulk processing would.
 */
export function judgeNew(
  tenant: TenantInfo,
  items: readonly { values: Record<string, string>; password: string | undefined }[],
  locale: Locale,
): Problem[][] {
  const out: Problem[][] = items.map(() => []);
  for (const mode of ['register-invite', 'register-password'] as const) {
    const rows = items.flatMap((item, i) =>
      (mode === 'register-password') === Boolean(item.password)
        ? [{ rowNumber: i + 1, values: { ...item.values, password: item.password ?? '' } }]
        : [],
    );
    if (rows.length === 0) continue;
    for (const p of validateRows(tenant.profile, rows, {
      mode,
      locale,
      passwordClasses: tenant.passwordClasses,
    })) {
      if (p.code === 'duplicate' || p.rowNumber === null) continue;
      // Messages name the row of the batch; each resource's error carries them without a row.
      out[p.rowNumber - 1]!.push({
        ...p,
        rowNumber: ROW,
        message: withoutRowPrefix(p.message, p.rowNumber, locale),
      });
    }
  }
  return out;
}

/** The profile rules for an existing user's new values, and for a new password if one is set. */
export function judgeUpdate(
  tenant: TenantInfo,
  id: string,
  values: Record<string, string>,
  flags: RowFlags,
  password: string | undefined,
  locale: Locale,
): Problem[] {
  const options = { locale, passwordClasses: tenant.passwordClasses };
  const problems = validateRows(tenant.profile, [{ rowNumber: ROW, id, values, flags }], {
    ...options,
    mode: 'update',
  });
  if (password !== undefined) {
    const pw = validateRows(
      tenant.profile,
      [{ rowNumber: ROW, id, values: { userName: values.userName ?? '', password }, flags }],
      { ...options, mode: 'update-password' },
    );
    problems.push(...pw.filter((p) => p.column === 'password'));
    if (!tenant.profile.columns.some((c) => c.writeOnly)) {
      problems.push(
        serverProblem(tenant.profile, locale, 'userName', 'notAllowed', 'modeNotSupported', {
          v: 'password',
        }),
      );
    }
  }
  return problems;
}
