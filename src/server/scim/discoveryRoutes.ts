import type { FastifyPluginAsync } from 'fastify';
import { ROSTER_USER_EXTENSION, type Profile } from '../../domain';
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
import { listResponse } from '../../scim/listResponse';
import { ScimError } from '../../scim/ScimError';
import { extensionName } from '../../scim/userResource';
import { scimBase, sendScim, type Services } from '../services';

type Attribute = Record<string, unknown>;

const attr = (name: string, over: Partial<Attribute> = {}): Attribute => ({
  name,
  type: 'string',
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...over,
});

/** The core User attributes this service supports (RFC 7643 4.1, 8.7.1). */
function userSchema(): Attribute {
  return {
    id: SCHEMA_USER,
    name: 'User',
    description: 'User account',
    attributes: [
      attr('userName', { required: true, uniqueness: 'server' }),
      attr('displayName'),
      attr('name', {
        type: 'complex',
        subAttributes: [
          'formatted',
          'familyName',
          'givenName',
          'middleName',
          'honorificPrefix',
          'honorificSuffix',
        ].map((n) => attr(n)),
      }),
      attr('emails', {
        type: 'complex',
        multiValued: true,
        subAttributes: [attr('value'), attr('type'), attr('primary', { type: 'boolean' })],
      }),
      attr('password', { mutability: 'writeOnly', returned: 'never' }),
      attr('active', { type: 'boolean' }),
      attr('externalId', { caseExact: true }),
      attr('groups', {
        type: 'complex',
        multiValued: true,
        mutability: 'readOnly',
        subAttributes: [
          attr('value', { mutability: 'readOnly' }),
          attr('$ref', { type: 'reference', mutability: 'readOnly' }),
        ],
      }),
    ],
  };
}

/** The profile's extension: its columns kept outside the core schema, plus read-only flags. */
function extensionSchema(profile: Profile): Attribute {
  const attributes: Attribute[] = [];
  for (const col of profile.columns) {
    const name = extensionName(col);
    if (!name) continue;
    const over: Partial<Attribute> = { description: `${col.header.en} / ${col.header.ja}`, caseExact: true };
    if (col.serverManaged) over.mutability = 'readOnly';
    if (col.key === 'groups') over.multiValued = true;
    const options = col.options?.filter((o) => !o.serverOnly).map((o) => o.value);
    if (options && options.length > 0) over.canonicalValues = options;
    attributes.push(attr(name, over));
  }
  attributes.push(
    attr('directorySynced', { type: 'boolean', mutability: 'readOnly' }),
    attr('selfRegistered', { type: 'boolean', mutability: 'readOnly' }),
    attr('passwordIssuer', { mutability: 'readOnly', canonicalValues: ['user', 'admin', 'none'] }),
  );
  return {
    id: ROSTER_USER_EXTENSION,
    name: 'RosterUser',
    description: `Roster Sheet (${profile.id})`,
    attributes,
  };
}

function groupSchema(): Attribute {
  return {
    id: SCHEMA_GROUP,
    name: 'Group',
    description: 'Group',
    attributes: [
      attr('displayName', { required: true, uniqueness: 'server' }),
      attr('externalId', { caseExact: true }),
      attr('members', {
        type: 'complex',
        multiValued: true,
        subAttributes: [
          attr('value', { mutability: 'immutable' }),
          attr('display', { mutability: 'readOnly' }),
        ],
      }),
    ],
  };
}

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
        // RFC 9865 (cursor pagination) shape: this server pages by index only.
        pagination: {
          cursor: false,
          index: true,
          defaultPaginationMethod: 'index',
          defaultPageSize: 100,
          maxPageSize: MAX_PAGE_SIZE,
        },
        authenticationSchemes: [
          {
            type: 'oauthbearertoken',
            name: 'Bearer token',
            description: 'A session token from POST /t/{tenant}/api/session, or an API token.',
            primary: true,
          },
        ],
        [SCHEMA_SPC_EXTENSION]: { dryRun: { supported: true, parameter: 'dryRun' } },
        meta: { resourceType: 'ServiceProviderConfig', location: `${scimBase(req)}/ServiceProviderConfig` },
      }),
    );

    const schemas = (profile: Profile) => [userSchema(), extensionSchema(profile), groupSchema()];
    app.get('/Schemas', async (req, reply) => {
      const list = schemas(req.tenant!.profile).map((s) => ({
        schemas: [SCHEMA_SCHEMA],
        ...s,
        meta: { resourceType: 'Schema', location: `${scimBase(req)}/Schemas/${s.id as string}` },
      }));
      return sendScim(reply, 200, listResponse(list));
    });
    app.get<{ Params: { id: string } }>('/Schemas/:id', async (req, reply) => {
      const s = schemas(req.tenant!.profile).find((x) => x.id === req.params.id);
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
        schemaExtensions: [{ schema: ROSTER_USER_EXTENSION, required: false }],
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
