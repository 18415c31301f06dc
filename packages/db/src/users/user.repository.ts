import type { Db } from '../database';
import { isUuid } from '../query.util';
import type { NewUser, UserRow } from './user.table';

/** Inserts a user; returns undefined when the email is already taken. */
export async function insertUser(db: Db, user: NewUser): Promise<UserRow | undefined> {
  return db
    .insertInto('users')
    .values(user)
    .onConflict((oc) => oc.column('email').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

/** Undefined for a missing user, also for an id that is no UUID (Postgres would refuse to compare it). */
export async function findUserById(db: Db, userId: string): Promise<UserRow | undefined> {
  if (!isUuid(userId)) return undefined;
  return db.selectFrom('users').selectAll().where('user_id', '=', userId).executeTakeFirst();
}
