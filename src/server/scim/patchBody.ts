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
  return patch.data.Operations as ScimPatchOperation[];
}
