import { z } from 'zod';
import { SCHEMA_GROUP } from '../../scim/constants';
import { LIMITS } from '../../scim/limits';
import { ScimError } from '../../scim/ScimError';
import { checkIfMatch, etagOf } from '../../scim/userResource';
import type { RequestCtx } from '../context';
import type { Tx } from '../db/connect';
import { inTransaction } from '../db/transaction';
import { audit, compareIds, loadUsers, saveUser } from '../users/userStore';

/** A group as the server keeps it; members are user ids. */
export interface GroupRecord {
  id: string;
  displayName: string;
  externalId: string | null;
  members: string[];
  version: number;
  created: Date;
  lastModified: Date;
}

export function toScimGroup(
  g: GroupRecord,
  baseUrl: string,
  names: Map<string, string>,
): Record<string, unknown> {
  const resource: Record<string, unknown> = {
    schemas: [SCHEMA_GROUP],
    id: g.id,
    displayName: g.displayName,
    members: g.members.map((m) => ({
      value: m,
      display: names.get(m),
      $ref: `${baseUrl}/Users/${m}`,
      type: 'User',
    })),
    meta: {
      resourceType: 'Group',
      created: g.created.toISOString(),
      lastModified: g.lastModified.toISOString(),
      version: etagOf(g.version),
      location: `${baseUrl}/Groups/${g.id}`,
    },
  };
  if (g.externalId !== null) resource.externalId = g.externalId;
  return resource;
}

/** Groups of a tenant (all, or these ids), with members. */
export async function loadGroups(
  tx: Tx,
  tenantId: number,
  ids?: readonly string[],
  forUpdate = false,
): Promise<GroupRecord[]> {
  if (ids && ids.length === 0) return [];
  let q = tx.selectFrom('groups').selectAll().where('tenant_id', '=', tenantId);
  if (ids) q = q.where('id', 'in', ids);
  if (forUpdate) q = q.forUpdate();
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const members = await tx
    .selectFrom('group_members')
    .select(['group_id', 'user_id'])
    .where('tenant_id', '=', tenantId)
    .where(
      'group_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const byGroup = new Map<string, string[]>();
  for (const m of members) byGroup.set(m.group_id, [...(byGroup.get(m.group_id) ?? []), m.user_id]);
  return rows
    .map((r) => ({
      id: r.id,
      displayName: r.display_name,
      externalId: r.external_id,
      members: (byGroup.get(r.id) ?? []).sort(),
      version: r.version,
      created: new Date(r.created_at),
      lastModified: new Date(r.updated_at),
    }))
    .sort((a, b) => compareIds(a.id, b.id));
}

/** User names by id, for `members[].display`. */
export async function userNames(
  tx: Tx,
  tenantId: number,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

const Member = z.looseObject({ value: z.string() });
/** What a Group body sets (RFC 7643 4.2); names are case-insensitive, read-only ones ignored. */
export interface GroupInput {
  displayName: string;
  externalId: string | null;
  members: string[];
}

export function parseGroupBody(body: unknown): GroupInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ScimError(400, 'The body must be a JSON object (a SCIM Group).', 'invalidSyntax');
  }
  const out: GroupInput = { displayName: '', externalId: null, members: [] };
  for (const [key, value] of Object.entries(body)) {
    switch (key.toLowerCase()) {
      case 'schemas':
      case 'id':
      case 'meta':
        break;
      case 'displayname': {
        const r = z.string().trim().min(1).max(255).safeParse(value);
        if (!r.success) throw new ScimError(400, 'displayName: 1 to 255 characters.', 'invalidValue');
        out.displayName = r.data;
        break;
      }
      case 'externalid':
        if (value !== null && typeof value !== 'string')
          throw new ScimError(400, 'externalId: a string.', 'invalidValue');
        if (typeof value === 'string' && value.length > LIMITS.indexedText) {
          throw new ScimError(
            400,
            `externalId: at most ${LIMITS.indexedText} characters (limit indexedText); it has ${value.length}.`,
            'invalidValue',
          );
        }
        // An empty externalId is unassigned, like null (docs/SECURITY.md).
        out.externalId = value === '' ? null : value;
        break;
      case 'members': {
        const r = z.array(Member).safeParse(value ?? []);
        if (!r.success) throw new ScimError(400, 'members: a list of {"value": userId}.', 'invalidValue');
        out.members = [...new Set(r.data.map((m) => m.value))];
        break;
      }
      default:
        throw new ScimError(400, `Unknown attribute '${key}' for a Group.`, 'invalidValue');
    }
  }
  if (!out.displayName) throw new ScimError(400, 'displayName is required.', 'invalidValue');
  return out;
}

async function checkMembers(tx: Tx, tenantId: number, members: readonly string[]): Promise<void> {
  const users = await loadUsers(tx, tenantId, members);
  const missing = members.filter((m) => !users.has(m) || users.get(m)!.hidden);
  if (missing.length > 0)
    throw new ScimError(400, `No user with id ${missing.map((m) => `'${m}'`).join(', ')}.`, 'invalidValue');
}

async function checkUniqueName(
  tx: Tx,
  tenantId: number,
  input: GroupInput,
  exceptId?: string,
): Promise<void> {
  const rows = await tx
    .selectFrom('groups')
    .select(['id', 'display_name', 'external_id'])
    .where('tenant_id', '=', tenantId)
    .execute();
  for (const r of rows) {
    if (r.id === exceptId) continue;
    if (r.display_name.toLowerCase() === input.displayName.toLowerCase()) {
      throw new ScimError(409, `A group named '${input.displayName}' exists (id ${r.id}).`, 'uniqueness');
    }
    if (input.externalId !== null && r.external_id === input.externalId) {
      throw new ScimError(
        409,
        `A group with externalId '${input.externalId}' exists (id ${r.id}).`,
        'uniqueness',
      );
    }
  }
}

/** Moves users in or out of a group: each affected user gets a new version and history entry. */
async function applyMembership(
  ctx: RequestCtx,
  tx: Tx,
  groupId: string,
  before: readonly string[],
  after: readonly string[],
) {
  const added = after.filter((m) => !before.includes(m));
  const removed = before.filter((m) => !after.includes(m));
  const users = await loadUsers(tx, ctx.tenant.id, [...added, ...removed], true);
  for (const u of users.values()) {
    const groups = added.includes(u.id)
      ? [...u.groups, groupId].sort(compareIds)
      : u.groups.filter((g) => g !== groupId);
    await saveUser(
      tx,
      ctx.tenant.id,
      { ...u, groups, version: u.version + 1, lastModified: ctx.now },
      ctx.now,
      false,
    );
  }
}

async function writeGroupHistory(ctx: RequestCtx, tx: Tx, g: GroupRecord | null, id: string): Promise<void> {
  await tx
    .updateTable('group_history')
    .set({ valid_to: ctx.now })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('group_id', '=', id)
    .where('valid_to', 'is', null)
    .execute();
  if (!g) return;
  const data = {
    id: g.id,
    displayName: g.displayName,
    externalId: g.externalId,
    members: g.members,
    version: g.version,
  };
  await tx
    .insertInto('group_history')
    .values({
      tenant_id: ctx.tenant.id,
      group_id: g.id,
      version: g.version,
      valid_from: ctx.now,
      valid_to: null,
      data: JSON.stringify(data),
    })
    .execute();
}

export async function createGroup(ctx: RequestCtx, input: GroupInput, dryRun = false): Promise<GroupRecord> {
  return inTransaction(ctx, dryRun, async (tx) => {
    const seq = await tx
      .updateTable('tenants')
      .set((eb) => ({ group_seq: eb('group_seq', '+', 1) }))
      .where('id', '=', ctx.tenant.id)
      .returning('group_seq')
      .executeTakeFirstOrThrow();
    await checkUniqueName(tx, ctx.tenant.id, input);
    await checkMembers(tx, ctx.tenant.id, input.members);
    // Group IDs are digits: the eq sheet's 所属グループID column holds them.
    const g: GroupRecord = {
      id: String(seq.group_seq),
      ...input,
      members: [...input.members].sort(),
      version: 1,
      created: ctx.now,
      lastModified: ctx.now,
    };
    await tx
      .insertInto('groups')
      .values({
        tenant_id: ctx.tenant.id,
        id: g.id,
        display_name: g.displayName,
        external_id: g.externalId,
        version: 1,
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .execute();
    await applyMembership(ctx, tx, g.id, [], g.members);
    await writeGroupHistory(ctx, tx, g, g.id);
    await audit(tx, ctx.tenant.id, ctx.now, [
      {
        actor: ctx.actor.label,
        action: 'create',
        resourceType: 'Group',
        resourceId: g.id,
        detail: { displayName: g.displayName, members: g.members.length },
      },
    ]);
    return g;
  });
}

export async function updateGroup(
  ctx: RequestCtx,
  id: string,
  change: (current: GroupRecord) => GroupInput,
  options: { ifMatch?: string; dryRun?: boolean } = {},
): Promise<GroupRecord> {
  return inTransaction(ctx, options.dryRun ?? false, async (tx) => {
    const [current] = await loadGroups(tx, ctx.tenant.id, [id], true);
    if (!current) throw new ScimError(404, `No group with id '${id}'.`);
    checkIfMatch(current.version, options.ifMatch, 'group');
    const input = change(current);
    await checkUniqueName(tx, ctx.tenant.id, input, id);
    await checkMembers(tx, ctx.tenant.id, input.members);
    const next: GroupRecord = {
      ...current,
      ...input,
      members: [...input.members].sort(),
      version: current.version + 1,
      lastModified: ctx.now,
    };
    await tx
      .updateTable('groups')
      .set({
        display_name: next.displayName,
        external_id: next.externalId,
        version: next.version,
        updated_at: ctx.now,
      })
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', id)
      .execute();
    await applyMembership(ctx, tx, id, current.members, next.members);
    await writeGroupHistory(ctx, tx, next, id);
    const added = next.members.filter((m) => !current.members.includes(m)).length;
    const removed = current.members.filter((m) => !next.members.includes(m)).length;
    await audit(tx, ctx.tenant.id, ctx.now, [
      {
        actor: ctx.actor.label,
        action: 'update',
        resourceType: 'Group',
        resourceId: id,
        detail: { displayName: next.displayName, added, removed },
      },
    ]);
    return next;
  });
}

export async function deleteGroup(
  ctx: RequestCtx,
  id: string,
  options: { ifMatch?: string; dryRun?: boolean } = {},
) {
  await inTransaction(ctx, options.dryRun ?? false, async (tx) => {
    const [current] = await loadGroups(tx, ctx.tenant.id, [id], true);
    if (!current) throw new ScimError(404, `No group with id '${id}'.`);
    checkIfMatch(current.version, options.ifMatch, 'group');
    await applyMembership(ctx, tx, id, current.members, []);
    await tx.deleteFrom('groups').where('tenant_id', '=', ctx.tenant.id).where('id', '=', id).execute();
    await writeGroupHistory(ctx, tx, null, id);
    await audit(tx, ctx.tenant.id, ctx.now, [
      {
        actor: ctx.actor.label,
        action: 'delete',
        resourceType: 'Group',
        resourceId: id,
        detail: { displayName: current.displayName },
      },
    ]);
  });
}
