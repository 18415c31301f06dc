import { sql, type Transaction } from 'kysely';
import type { Database, Db } from '../database';
import { isUuid } from '../query.util';
import type { NewUser, UserRow } from './user.table';

type DbOrTrx = Db | Transaction<Database>;

/** Advisory lock key serialising registrations while the users table is empty (see insertUser). */
const FIRST_USER_LOCK = 724_100;

/** Emails are stored trimmed and lower-cased; look them up the same way. */
export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

async function anyUser(db: DbOrTrx): Promise<boolean> {
  return (await db.selectFrom('users').select('user_id').limit(1).executeTakeFirst()) !== undefined;
}

async function insertRow(db: DbOrTrx, user: NewUser): Promise<UserRow | undefined> {
  return db
    .insertInto('users')
    .values(user)
    .onConflict((oc) => oc.column('email').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/**
 * Inserts a user; returns undefined when the email is already taken. The first account of an empty database is an
 * administrator, so a fresh deployment can reach its queue dashboard without the CLI. Race-safe: while the table
 * is empty, registrations take a transaction-scoped advisory lock and look again under it, so two first
 * registrations at once give one administrator. Once any user exists, registering never makes one.
 */
export async function insertUser(db: Db, user: NewUser): Promise<UserRow | undefined> {
  if (await anyUser(db)) return insertRow(db, user);
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${FIRST_USER_LOCK})`.execute(trx);
    const first = !(await anyUser(trx));
    return insertRow(trx, { ...user, is_admin: Boolean(user.is_admin) || first });
  });
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

/** Undefined for a missing user, also for an id that is no UUID (Postgres would refuse to compare it). */
export async function findUserById(db: Db, userId: string): Promise<UserRow | undefined> {
  if (!isUuid(userId)) return undefined;
  return db.selectFrom('users').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

/** Grants or revokes administration by (normalised) email; undefined when no such user exists. */
export async function setUserAdmin(db: Db, email: string, isAdmin: boolean): Promise<UserRow | undefined> {
  return db.updateTable('users').set({ is_admin: isAdmin }).where('email', '=', email).returningAll().executeTakeFirst();
}

/** Administrators, oldest account first. */
export async function listAdmins(db: Db): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().where('is_admin', '=', true).orderBy('created_at').orderBy('email').execute();
}
