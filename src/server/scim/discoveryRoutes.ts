import type { FastifyPluginAsync } from 'fastify';
import { ROSTER_USER_EXTENSION } from '../../domain';
import {
  BULK_MAX_OPERATIONS,
  BULK_MAX_PAYLOAD,
  MAX_PAGE_SIZE,
  SCHEMA_GROUP,
  SCHEMA_RESOURCE_TYPE,
  SCHEMA_SCHEMA,
  SCHEMA_SPC,
  SCHEMA_SPC_EXTENSION,
  SCHEMA_USER,
} from '../../scim/constants';
import { SCHEMA_ENTERPRISE_USER } from '../../scim/identityAttributes';
import { LIMITS } from '../../scim/limits';
import { listResponse } from '../../scim/listResponse';
import { ScimError } from '../../scim/ScimError';
import { schemasFor } from '../../scim/schemas';
import { scimBase, sendScim, type Services } from '../services';
import { CURSOR_TIMEOUT_SECONDS } from './listCursor';

/** /ServiceProviderConfig, /Schemas, /ResourceTypes (RFC 7644 4). */
export const discoveryRoutes =
  (_services: Services): FastifyPluginAsync =>
  async (app) => {
    app.get('/ServiceProviderConfig', async (req, reply) =>
      sendScim(reply, 200, {
        schemas: [SCHEMA_SPC, SCHEMA_SPC_EXTENSION],
        documentationUri: 'https://datatracker.ietf.org/doc/html/rfc7644',
        patch: { supported: true },
        bulk: { supported: true, maxOperations: BULK_MAX_OPERATIONS, maxPayloadSize: BULK_MAX_PAYLOAD },
        filter: { supported: true, maxResults: MAX_PAGE_SIZE },
        changePassword: { supported: true },
        sort: { supported: true },
        etag: { supported: true },
        // RFC 9865 Section 4. Cursors on /Users (a keyset, src/server/scim/listCursor.ts); index
        // stays the default (Section 2.5: clients that page by startIndex are not changed).
        pagination: {
          cursor: true,
          index: true,
          defaultPaginationMethod: 'index',
          defaultPageSize: 100,
          maxPageSize: MAX_PAGE_SIZE,
          cursorTimeout: CURSOR_TIMEOUT_SECONDS,
        },
        authenticationSchemes: [
          {
            type: 'oauthbearertoken',
            name: 'Bearer token',
            description: 'A session token from POST /t/{tenant}/api/session, or an API token.',
            primary: true,
          },
        ],
        // Every bound on a request's work (docs/SECURITY.md), where SCIM has no place for them.
        [SCHEMA_SPC_EXTENSION]: { dryRun: { supported: true, parameter: 'dryRun' }, limits: LIMITS },
        meta: { resourceType: 'ServiceProviderConfig', location: `${scimBase(req)}/ServiceProviderConfig` },
      }),
    );

    app.get('/Schemas', async (req, reply) => {
      const list = schemasFor(req.tenant!.profile).map((s) => ({
        schemas: [SCHEMA_SCHEMA],
        ...s,
        meta: { resourceType: 'Schema', location: `${scimBase(req)}/Schemas/${s.id as string}` },
      }));
      return sendScim(reply, 200, listResponse(list));
    });
    app.get<{ Params: { id: string } }>('/Schemas/:id', async (req, reply) => {
      const s = schemasFor(req.tenant!.profile).find((x) => x.id === req.params.id);
      if (!s) throw new ScimError(404, `No schema '${req.params.id}'.`);
      return sendScim(reply, 200, { schemas: [SCHEMA_SCHEMA], ...s });
    });

    const resourceTypes = (base: string) => [
      {
        schemas: [SCHEMA_RESOURCE_TYPE],
        id: 'User',
        name: 'User',
        endpoint: '/Users',
        schema: SCHEMA_USER,
        schemaExtensions: [
          { schema: SCHEMA_ENTERPRISE_USER, required: false },
          { schema: ROSTER_USER_EXTENSION, required: false },
        ],
        meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/User` },
      },
      {
        schemas: [SCHEMA_RESOURCE_TYPE],
        id: 'Group',
        name: 'Group',
        endpoint: '/Groups',
        schema: SCHEMA_GROUP,
        meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/Group` },
      },
    ];
    app.get('/ResourceTypes', async (req, reply) => {
      const list = resourceTypes(scimBase(req));
      return sendScim(reply, 200, listResponse(list));
    });
    app.get<{ Params: { id: string } }>('/ResourceTypes/:id', async (req, reply) => {
      const rt = resourceTypes(scimBase(req)).find((x) => x.id === req.params.id);
      if (!rt) throw new ScimError(404, `No resource type '${req.params.id}'.`);
      return sendScim(reply, 200, rt);
    });
  };
