/**
 * `studio admin grant|revoke <email>` and `studio admin list`: who may open the queue dashboard (/admin/queues) and
 * the workers list. Talks to the deployment's PostgreSQL (DATABASE_URL) directly: whoever can run this can already
 * read that database, so it needs no account. Revocation takes effect on the administrator's next request.
 */
import { z } from 'zod';
import { describeEnvIssues } from '@studio/runtime/config';
import { CliEnvError } from './cli-env.config';
import { UsageError } from './eval-args.parser';

export const ADMIN_USAGE = `Usage: studio admin grant <email>    make the account an administrator
       studio admin revoke <email>   take administration away
       studio admin list             list administrators

Administrators may open the queue dashboard (/admin/queues) and GET /api/admin/workers. The first account
registered on an empty database is one already. Reads DATABASE_URL (default postgres://postgres@127.0.0.1:5432/openbench).`;

const envSchema = z.object({
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/openbench'),
});

/** Runs the subcommand; returns the exit code. An unknown email throws (exit 1). */
export async function runAdminCommand(argv: readonly string[], env: NodeJS.ProcessEnv, out: (text: string) => void): Promise<number> {
  const [action, ...args] = argv;
  if (action === undefined || action === '--help' || action === '-h' || action === 'help') {
    out(`${ADMIN_USAGE}\n`);
    return action === undefined ? 2 : 0;
  }
  if (action !== 'grant' && action !== 'revoke' && action !== 'list') throw new UsageError(`unknown admin command "${action}"\n${ADMIN_USAGE}`);
  if (action === 'list' ? args.length !== 0 : args.length !== 1 || !args[0].trim()) throw new UsageError(ADMIN_USAGE);
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new CliEnvError(`Invalid environment:\n${describeEnvIssues(parsed.error)}`);

  // Loaded here, not at start-up: Kysely and pg are only for this command (every `studio eval` paid ≈ 20 ms for them).
  const { createDb, listAdmins, normaliseEmail, setUserAdmin } = await import('@studio/db');
  const db = createDb(parsed.data.DATABASE_URL, { max: 1, applicationName: 'openbench-cli-admin' });
  try {
    if (action === 'list') {
      const admins = await listAdmins(db);
      out(admins.length ? `${admins.map((u) => `${u.email}${u.is_active ? '' : ' (disabled)'}`).join('\n')}\n` : 'No administrators.\n');
      return 0;
    }
    const email = normaliseEmail(args[0]);
    const user = await setUserAdmin(db, email, action === 'grant');
    if (!user) throw new Error(`No account with the email ${email} (it must register first)`);
    out(action === 'grant' ? `${email} is now an administrator.\n` : `${email} is no longer an administrator.\n`);
    if (action === 'revoke' && (await listAdmins(db)).length === 0) out('No administrators are left; grant one with: studio admin grant <email>\n');
    return 0;
  } finally {
    await db.destroy();
  }
}
