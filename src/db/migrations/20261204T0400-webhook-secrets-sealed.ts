import { sql, type Kysely } from 'kysely';

// Webhook signing secrets move out of plain text: `secret_sealed` holds them encrypted under
// THEODOI_SECRET_KEY (src/domain/secrets/secret-box.ts) and `secret_hint` the few characters lists
// may show. The key lives in the environment, not here, so this migration cannot encrypt: rows
// written before keep their plain `secret` until the first start with a key seals them (see
// sealPlaintextWebhookSecrets) and clears it; `secret` becomes nullable for that. `deleted_at` marks a
// deleted webhook: the row stays (delivery logs name it) but holds no secret and never delivers.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('webhook_subscriptions')
    .addColumn('secret_sealed', 'text')
    .addColumn('secret_hint', 'text')
    .addColumn('updated_at', 'timestamptz')
    .addColumn('deleted_at', 'timestamptz')
    .execute();
  await db.schema.alterTable('webhook_subscriptions').alterColumn('secret', (c) => c.dropNotNull()).execute();
  // Nothing may hold both forms, so a row never signs with a plain secret once it is sealed.
  await db.schema
    .alterTable('webhook_subscriptions')
    .addCheckConstraint('webhook_subscriptions_one_secret', sql`secret is null or secret_sealed is null`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Sealed secrets cannot be opened here (no key); a rollback keeps only rows still in plain text.
  await sql`delete from webhook_subscriptions where secret is null`.execute(db);
  await db.schema.alterTable('webhook_subscriptions').dropConstraint('webhook_subscriptions_one_secret').execute();
  await db.schema.alterTable('webhook_subscriptions').alterColumn('secret', (c) => c.setNotNull()).execute();
  await db.schema
    .alterTable('webhook_subscriptions')
    .dropColumn('secret_sealed')
    .dropColumn('secret_hint')
    .dropColumn('updated_at')
    .dropColumn('deleted_at')
    .execute();
}
