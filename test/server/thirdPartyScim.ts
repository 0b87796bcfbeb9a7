// A SCIM 2.0 server this project did not write (issue 19): SCIMMY and its Express routers from
// npm (scimmyjs/scimmy, scimmyjs/scimmy-routers, MIT), serving RFC 7644's endpoints, filters,
// PATCH, paging and discovery. What is ours is only what SCIMMY leaves to its user: the store
// (an in-memory Map, as SCIMMY's ingress/egress/degress handlers) and the bearer token check.
// SCIMMY keeps its declarations in module state, so one process serves one such server.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';

type Json = Record<string, unknown>;

export interface ThirdPartyScim {
  /** The SCIM base URL: `http://127.0.0.1:<port>/scim/v2`. */
  url: string;
  token: string;
  /** The store itself, to change a user behind the client's back. */
  users: Map<string, Json>;
  /** Every request as `METHOD path?query`, to see what the client asked. */
  requests: string[];
  close(): Promise<void>;
}

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const DEPARTMENTS = ['Sales', 'Research', 'Support', 'Finance'];

/** `n` users like a directory's: names, a primary work email, active, enterprise attributes. */
export function seedUsers(n: number): Json[] {
  return Array.from({ length: n }, (_, i) => {
    const k = String(i + 1).padStart(4, '0');
    return {
      id: randomUUID(),
      userName: `user${k}@example.com`,
      displayName: `User ${k}`,
      name: { familyName: `Family${k}`, givenName: `Given${k}` },
      emails: [{ value: `user${k}@example.com`, type: 'work', primary: true }],
      active: true,
      [ENTERPRISE]: { employeeNumber: `E${k}`, department: DEPARTMENTS[i % DEPARTMENTS.length] },
      meta: { created: new Date(0).toISOString(), lastModified: new Date(0).toISOString() },
    };
  });
}

let declared = false;

/** Starts the server on 127.0.0.1 with `users` in its store. */
export async function startThirdPartyScim(
  options: { users?: Json[]; token?: string; bulk?: boolean } = {},
): Promise<ThirdPartyScim> {
  const token = options.token ?? `tp-${randomUUID()}`;
  const users = new Map<string, Json>((options.users ?? []).map((u) => [String(u.id), u]));
  const requests: string[] = [];
  const clash = (userName: unknown, id?: string) =>
    [...users.values()].some(
      (u) => u.id !== id && String(u.userName).toLowerCase() === String(userName).toLowerCase(),
    );
  if (!declared) {
    declared = true;
    SCIMMY.Resources.declare(SCIMMY.Resources.User, {
      extensions: [{ schema: SCIMMY.Schemas.EnterpriseUser, required: false }],
    });
  }
  // The handlers read this call's store (rebound on each start in the same process).
  SCIMMY.Resources.User.ingress((resource, instance) => {
    const data = JSON.parse(JSON.stringify(instance)) as Json;
    const now = new Date().toISOString();
    if (resource.id) {
      const before = users.get(resource.id);
      if (!before) throw new SCIMMY.Types.Error(404, null!, `Resource ${resource.id} not found`);
      if (clash(data.userName, resource.id))
        throw new SCIMMY.Types.Error(409, 'uniqueness', `userName ${String(data.userName)} is taken`);
      const next = { ...data, id: resource.id, meta: { ...(before.meta as Json), lastModified: now } };
      users.set(resource.id, next);
      return next as never;
    }
    if (clash(data.userName))
      throw new SCIMMY.Types.Error(409, 'uniqueness', `userName ${String(data.userName)} is taken`);
    const id = randomUUID();
    const created = { ...data, id, meta: { created: now, lastModified: now } };
    users.set(id, created);
    return created as never;
  });
  SCIMMY.Resources.User.egress((resource) => {
    if (resource.id) {
      const u = users.get(resource.id);
      if (!u) throw new SCIMMY.Types.Error(404, null!, `Resource ${resource.id} not found`);
      return u as never;
    }
    const all = [...users.values()];
    return (resource.filter ? resource.filter.match(all) : all) as never;
  });
  SCIMMY.Resources.User.degress((resource) => {
    if (!resource.id || !users.delete(resource.id))
      throw new SCIMMY.Types.Error(404, null!, `Resource ${resource.id ?? ''} not found`);
  });

  const app = express();
  app.use((req, res, next) => {
    requests.push(`${req.method} ${req.originalUrl}`);
    // The pane runs on another origin in the browser test (CORS, as a real service would allow).
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', 'authorization, content-type, accept-language, if-match');
    res.setHeader('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE');
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  });
  app.use(
    '/scim/v2',
    new SCIMMYRouters({
      type: 'bearer',
      handler: (req) => {
        if (req.header('authorization') !== `Bearer ${token}`) throw new Error('Bearer token not accepted');
        return 'admin';
      },
    }),
  );
  // What this service offers: PATCH, filter and sort; no ETag (SCIMMY has none); Bulk only when
  // asked. Set after the routers, whose constructor turns Bulk on.
  SCIMMY.Config.set({
    patch: { supported: true },
    filter: { supported: true, maxResults: 200 },
    sort: { supported: true },
    bulk: { supported: options.bulk ?? false },
    etag: { supported: false },
  });
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/scim/v2`,
    token,
    users,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
