import { BULK_REQUEST, eqUser } from '../../test/server/builders';
import { scim, startHarness, type Harness, type TestTenant } from '../../test/server/harness';
import { startSmtpPeer, type SmtpPeer } from '../../test/server/smtpPeer';
import { SCHEMA_PATCH } from '../scim/constants';
import { freezeBuiltinPrototypes, FROZEN_PROTOTYPES } from './harden';
import { MailOutbox } from './mail/MailOutbox';
import { smtpTransport } from './mail/transports';

// Jest gives each test file its own realm: freezing here freezes this file's built-ins only,
// the way server.ts freezes the server process's at start.
freezeBuiltinPrototypes();

let h: Harness;
let t: TestTenant;
let peer: SmtpPeer;
beforeAll(async () => {
  peer = await startSmtpPeer();
  h = await startHarness({ publicUrl: 'https://roster.example' });
  t = await h.tenant({ slug: 'frozen' });
});
afterAll(async () => {
  await h.close();
  await peer.stop();
});

test('the built-in prototypes are frozen', () => {
  for (const proto of FROZEN_PROTOTYPES) expect(Object.isFrozen(proto)).toBe(true);
  expect(() => {
    (Object.prototype as Record<string, unknown>).polluted = true;
  }).toThrow(TypeError);
});

test('the whole server works with frozen prototypes: users, Bulk, PATCH, filters, groups, mail', async () => {
  const created = await scim(h, t, 'POST', '/Users?sendMail=true', eqUser('frozen01'));
  expect(created.statusCode).toBe(201);
  const id = created.json().id;
  const bulk = await scim(h, t, 'POST', '/Bulk', {
    schemas: [BULK_REQUEST],
    Operations: [
      { method: 'POST', path: '/Users', bulkId: 'a', data: eqUser('frozen02') },
      {
        method: 'PATCH',
        path: `/Users/${id}`,
        data: {
          schemas: [SCHEMA_PATCH],
          Operations: [{ op: 'replace', path: 'displayName', value: '凍結' }],
        },
      },
    ],
  });
  expect(bulk.json().Operations.map((o: { status: string }) => o.status)).toEqual(['201', '200']);
  const list = await scim(
    h,
    t,
    'GET',
    `/Users?filter=${encodeURIComponent('userName sw "frozen"')}&sortBy=userName&attributes=userName,emails`,
  );
  expect(list.json().Resources.map((u: { userName: string }) => u.userName)).toEqual([
    'frozen01',
    'frozen02',
  ]);
  const group = await scim(h, t, 'PATCH', `/Groups/${t.groups[0]}`, {
    schemas: [SCHEMA_PATCH],
    Operations: [{ op: 'add', path: 'members', value: [{ value: id }] }],
  });
  expect(group.statusCode).toBe(200);
  const polluting = await scim(h, t, 'PATCH', `/Users/${id}`, {
    schemas: [SCHEMA_PATCH],
    Operations: [{ op: 'add', path: '__proto__.polluted', value: true }],
  });
  expect(polluting.statusCode).toBe(400);
  expect(await scim(h, t, 'DELETE', `/Users/${id}`).then((r) => r.statusCode)).toBe(204);

  const outbox = new MailOutbox({
    db: h.db,
    transport: smtpTransport(peer.url, { timeoutMs: 2000 }),
    from: 'Roster <no-reply@roster.example>',
    clock: h.clock.now,
  });
  await outbox.deliverDue();
  await outbox.stop();
  expect(peer.received.some((m) => /frozen01@example\.jp/.test(JSON.stringify(m.to)))).toBe(true);

  const page = await h.app.inject({ method: 'GET', url: `/t/${t.tenant.slug}/register/${'A'.repeat(43)}` });
  expect(page.statusCode).toBe(404);
  expect(page.body).toContain('<html');
});
