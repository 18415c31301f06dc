import type { Generated, Insertable, Selectable } from 'kysely';

export interface UserTable {
  user_id: Generated<string>;
  /** Stored normalised (trimmed, lower-case); unique. */
  email: string;
  hashed_password: string;
  is_active: Generated<boolean>;
  /** Sees the queue dashboard and the workers (`studio admin grant`, or the first account of an empty database). */
  is_admin: Generated<boolean>;
  created_at: Generated<Date>;
}

export type UserRow = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
