// Everyday notifications, on SQLite and PostgreSQL: the supplier hears when a buyer opens an engagement, the one
// who asked hears when the other side answers, and an invitation goes to the invited address by email when SMTP
// is configured (the outbox row is what the job runner sends; test/notifications covers the sending).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/routes/types.js';
import type { MailSettings } from '../../src/services/notifications/settings.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { signupClient, testApp } from '../support/http.js';

const MAIL: MailSettings = { smtpUrl: 'smtp://127.0.0.1:9', from: 'Bonafide <no-reply@bonafide.test>', publicUrl: 'https://bonafide.test', jobIntervalMs: 1000, maxAttempts: 3 };

describe.each(TEST_DATABASES)('notifications on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;
  beforeAll(async () => {
    if (skipReason) return;
    ctx = await createTestContext(name);
    app = await testApp({ ...ctx, config: { ...ctx.config, mail: MAIL } as typeof ctx.config });
  });
  afterAll(async () => {
    if (skipReason) return;
    await app.close();
    await ctx.cleanup();
  });

  it.skipIf(skipReason)('tells the supplier of a new engagement and the asker of an answer; emails an invitation to the invited address', async () => {
    const buyer = await signupClient(app, { name: 'Rhein Medtech GmbH', kind: 'buyer', country: 'DE' });
    const supplier = await signupClient(app, { name: 'Suzhou Apex', kind: 'supplier', country: 'CN' });
    const e = await buyer.post('/api/v1/engagements', { supplierOrganizationId: supplier.organizationId, title: 'Pump housings', scope: { products: ['Housing'], destinationCountry: 'DE', productMaturity: 'custom' } });
    expect(e.statusCode, e.body).toBe(201);
    let inbox = (await supplier.get('/api/v1/notifications')).json();
    expect(inbox.unread).toBe(1);
    expect(inbox.items[0]).toMatchObject({ kind: 'engagement_opened', title: 'Rhein Medtech GmbH opened an engagement: Pump housings', link: `/engagements/${e.json().id}` });
    expect((await buyer.get('/api/v1/notifications')).json().unread).toBe(0);

    const id = e.json().id as string;
    expect((await supplier.post(`/api/v1/engagements/${id}/response`, { decision: 'accept' })).statusCode).toBe(200);
    const q = await buyer.post(`/api/v1/engagements/${id}/messages`, { kind: 'technical_inquiry', subject: 'Bore tolerance', body: 'Can you hold H7?' });
    expect(q.statusCode, q.body).toBe(201);
    const qid = q.json().id as string;
    expect((await supplier.post(`/api/v1/engagements/${id}/messages`, { kind: 'response', body: 'Yes.', inReplyTo: qid })).statusCode).toBe(201);
    inbox = (await buyer.get('/api/v1/notifications')).json();
    expect(inbox.items.map((n: { kind: string }) => n.kind)).toEqual(['message_answered']);
    expect(inbox.items[0].title).toBe('Answered: Bore tolerance');
    // A follow-up from the same side is not an answer.
    expect((await buyer.post(`/api/v1/engagements/${id}/messages`, { kind: 'response', body: 'Thanks', inReplyTo: qid })).statusCode).toBe(201);
    expect((await supplier.get('/api/v1/notifications')).json().items.map((n: { kind: string }) => n.kind)).toEqual(['engagement_opened']);

    const inv = await buyer.post('/api/v1/invitations', { email: 'new.colleague@rhein.test', role: 'member' });
    expect(inv.statusCode, inv.body).toBe(201);
    const rows = await ctx.handle.db.selectFrom('outbox').selectAll().where('notification_kind', '=', 'invitation').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].to_address).toBe('new.colleague@rhein.test');
    expect(rows[0].body).toContain(`https://bonafide.test${inv.json().acceptPath}`);
  });
});
