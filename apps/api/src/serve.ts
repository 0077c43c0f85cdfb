import 'reflect-metadata';
import { createApp } from './app.factory.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './database/bootstrap.js';
import { AccountService } from './account/account.service.js';
import { ensureAdminFromEnvironment, ensureDemoAccounts } from './account/bootstrap-accounts.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const started = Date.now();
  const db = await openDatabase(config);
  const where = db.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  console.log(`Database: ${where}${db.migrations.length ? `; applied ${db.migrations.join(', ')}` : ''}`);
  if (db.seeded) console.log(`Seeded: ${JSON.stringify(db.seeded)}`);

  const app = await createApp(db.dataSource, db.kind, { adminDist: config.adminDist });
  const accounts = app.get(AccountService);
  const admin = await ensureAdminFromEnvironment(db.dataSource, accounts, process.env);
  if (admin) console.log(`Created the administrator ${admin} (ADMIN_EMAIL)`);
  const demo = config.demoAccounts ? await ensureDemoAccounts(db.dataSource, accounts) : [];
  await app.listen(config.port, config.host);
  const base = `http://localhost:${config.port}`;
  console.log(`EfA Rollout is running (${Date.now() - started} ms):`);
  console.log(`  Console:  ${base}/`);
  console.log(`  GraphQL:  ${base}/graphql`);
  console.log(`  Health:   ${base}/health`);
  if (config.oidc) console.log(`  Single sign-on: ${config.oidc.issuer} (client ${config.oidc.clientId}, callback ${config.oidc.redirectUri})`);
  if (demo.length) {
    console.log('Demo accounts (demo data only, never for real use):');
    for (const a of demo) console.log(`  ${a.role.padEnd(18)} ${a.email.padEnd(30)} ${a.password}`);
  } else {
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM app_user WHERE active`);
    if (n === 0) console.log('No accounts yet: create the first administrator with `npm run user:create -- --email you@example.org --role ADMIN` or ADMIN_EMAIL/ADMIN_PASSWORD.');
  }
}

main().catch((e) => {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(2);
  }
  console.error(e);
  process.exit(1);
});
