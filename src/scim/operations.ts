import {
  ROSTER_USER_EXTENSION,
  type Addition,
  type Change,
  type Changeset,
  type Deletion,
  type Profile,
  type Update,
} from '../domain';
import { SCHEMA_PATCH, SCHEMA_USER } from './constants';
import { genericCreateBody, genericPatchBody } from './genericUser';
import { extensionName } from './userResource';

/** One write the submission makes, tied to its sheet row. */
export type SubmitOp =
  | { kind: 'create'; rowNumber: number; clientKey: string; body: Record<string, unknown> }
  | {
      kind: 'update';
      rowNumber: number;
      id: string;
      version: string;
      body: Record<string, unknown>;
      changes: Change[];
    }
  | { kind: 'delete'; id: string; version: string; userName: string };

/** How new users get their password (seed 004's two registration modes). */
export type RegistrationMode = 'invite' | 'password';

function columnAttr(
  profile: Profile,
  key: string,
): { path: string; value: (v: string) => unknown } | undefined {
  const col = profile.columns.find((c) => c.key === key);
  if (!col) return undefined;
  if (key === 'email')
    return { path: 'emails', value: (v) => (v ? [{ value: v, type: 'work', primary: true }] : []) };
  if (key === 'userName' || key === 'displayName' || key === 'password')
    return { path: key, value: (v) => v };
  const name = extensionName(col);
  if (!name) return undefined;
  const path = `${ROSTER_USER_EXTENSION}:${name}`;
  return key === 'groups' ? { path, value: (v) => (v ? v.split(' ') : []) } : { path, value: (v) => v };
}

/** The SCIM User body of a new row; `clientKey` goes in externalId so a retry never creates twice. */
export function createBody(
  profile: Profile,
  a: Addition,
  clientKey: string,
  mode: RegistrationMode,
): Record<string, unknown> {
  if (profile.id === 'generic') return genericCreateBody(profile, a.values, clientKey);
  const ext: Record<string, unknown> = {};
  const body: Record<string, unknown> = {
    schemas: [SCHEMA_USER, ROSTER_USER_EXTENSION],
    externalId: clientKey,
  };
  for (const col of profile.columns) {
    if (col.serverManaged) continue;
    const v = a.values[col.key] ?? '';
    if (col.key === 'password') {
      if (mode === 'password' && v) body.password = v;
      continue;
    }
    if (col.key === 'userName' && !v) continue; // blank: the server assigns one (seed 004)
    if (col.key === 'status' && !v) continue; // blank: the server decides
    const attr = columnAttr(profile, col.key);
    if (!attr) continue;
    if (attr.path.startsWith(`${ROSTER_USER_EXTENSION}:`))
      ext[attr.path.slice(ROSTER_USER_EXTENSION.length + 1)] = attr.value(v);
    else body[attr.path] = attr.value(v);
  }
  body[ROSTER_USER_EXTENSION] = ext;
  return body;
}

/** A PatchOp replacing only the changed attributes (RFC 7644 3.5.2). */
export function patchBody(profile: Profile, changes: readonly Change[]): Record<string, unknown> {
  if (profile.id === 'generic') return genericPatchBody(profile, changes);
  const Operations = changes.flatMap((c) => {
    const attr = columnAttr(profile, c.column);
    return attr ? [{ op: 'replace', path: attr.path, value: attr.value(c.after) }] : [];
  });
  return { schemas: [SCHEMA_PATCH], Operations };
}

/**
 * The writes of a changeset: rows with problems are left out (they stay marked on the sheet),
 * creations carry their client key, updates only their changed fields and the pulled version.
 */
export function operationsFor(
  profile: Profile,
  changeset: Pick<Changeset, 'additions' | 'updates' | 'deletions' | 'problems'>,
  options: { mode: RegistrationMode; clientKeyOf: (a: Addition) => string },
): SubmitOp[] {
  const badRows = new Set(changeset.problems.map((p) => p.rowNumber).filter((n): n is number => n !== null));
  const badIds = new Set(changeset.problems.filter((p) => p.rowNumber === null).map((p) => p.id));
  const ops: SubmitOp[] = [];
  for (const a of changeset.additions) {
    if (badRows.has(a.rowNumber)) continue;
    const clientKey = options.clientKeyOf(a);
    ops.push({
      kind: 'create',
      rowNumber: a.rowNumber,
      clientKey,
      body: createBody(profile, a, clientKey, options.mode),
    });
  }
  for (const u of changeset.updates as Update[]) {
    if (badRows.has(u.rowNumber)) continue;
    ops.push({
      kind: 'update',
      rowNumber: u.rowNumber,
      id: u.id,
      version: u.version,
      body: patchBody(profile, u.changes),
      changes: u.changes,
    });
  }
  for (const d of changeset.deletions as Deletion[]) {
    if (badIds.has(d.id)) continue;
    ops.push({
      kind: 'delete',
      id: d.id,
      version: d.version,
      userName: d.values[profile.userNameColumn] ?? '',
    });
  }
  return ops;
}
