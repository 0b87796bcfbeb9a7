import type { ScimPatchOperation } from 'scim-patch';
import { z } from 'zod';
import { SCHEMA_PATCH } from '../../scim/constants';
import { checkPatchOperations, type Catalog } from '../../scim/pathGuard';
import { ScimError } from '../../scim/ScimError';

const PatchBody = z.object({
  schemas: z
    .array(z.string())
    .refine((s) => s.includes(SCHEMA_PATCH), `schemas must include ${SCHEMA_PATCH}`),
  Operations: z
    .array(
      z.looseObject({
        op: z
          .string()
          .refine((op) => /^(add|replace|remove)$/i.test(op), 'op must be add, replace or remove'),
        path: z.string().optional(),
        value: z.unknown().optional(),
      }),
    )
    .min(1),
});

/**
 * The operations of a PatchOp body (RFC 7644 3.5.2), checked against the resource's catalog
 * (every path and value key declared, within the limits) so they are safe to hand to scim-patch.
 */
export function patchOperations(catalog: Catalog, body: unknown): ScimPatchOperation[] {
  const patch = PatchBody.safeParse(body);
  if (!patch.success) {
    throw new ScimError(
      400,
      `Not a PatchOp: ${patch.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`,
      'invalidSyntax',
    );
  }
  checkPatchOperations(catalog, patch.data.Operations);
  const core = `${catalog.schemas[0]!.urn}:`.toLowerCase();
  const unqualified = (path: string) =>
    path.toLowerCase().startsWith(core) ? path.slice(core.length) : path;
  return patch.data.Operations.flatMap((op) => {
    // Entra sends `Add`/`Replace`/`Remove` (RFC 7644 3.5.2 names them in lower case).
    const name = op.op.toLowerCase();
    if (op.path !== undefined) return [{ ...op, op: name, path: unqualified(op.path) } as ScimPatchOperation];
    // A value without a path (RFC 7644 3.5.2.1/3): one operation per attribute it names, so
    // `"name.givenName"` keys (Entra) and extension objects change only what they name.
    return Object.entries(op.value as Record<string, unknown>).flatMap(([key, value]) =>
      /^urn:/i.test(key) && typeof value === 'object' && value !== null && !Array.isArray(value)
        ? Object.entries(value).map(
            ([inner, v]) => ({ op: name, path: `${key}:${inner}`, value: v }) as ScimPatchOperation,
          )
        : [{ op: name, path: unqualified(key), value } as ScimPatchOperation],
    );
  });
}
