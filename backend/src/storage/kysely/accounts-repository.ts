/** Users, sessions and API tokens (migration 0004). */
import type { Kysely } from 'kysely';
import '../office-types.ts';
import type { ApiTokenRow, SessionRow, UserRow } from '../office-types.ts';
import type { Database } from '../types.ts';

export interface AccountsRepository {
  countUsers(): Promise<number>;
  countActiveAdmins(): Promise<number>;
  listUsers(): Promise<UserRow[]>;
  getUser(id: string): Promise<UserRow | undefined>;
  getUserByName(name: string): Promise<UserRow | undefined>;
  insertUser(row: UserRow): Promise<void>;
  updateUser(id: string, patch: Partial<Omit<UserRow, 'id' | 'created_at'>>): Promise<UserRow | undefined>;
  insertSession(row: SessionRow): Promise<void>;
  getSession(idHash: string): Promise<SessionRow | undefined>;
  touchSession(idHash: string, at: string): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  deleteSessionsOf(userId: string): Promise<number>;
  insertToken(row: ApiTokenRow): Promise<void>;
  getTokenByHash(hash: string): Promise<ApiTokenRow | undefined>;
  listTokens(userId: string): Promise<ApiTokenRow[]>;
  touchToken(id: string, at: string): Promise<void>;
  revokeToken(userId: string, id: string, at: string): Promise<boolean>;
}

export function accountsRepository(db: Kysely<Database>): AccountsRepository {
  return {
    async countUsers() {
      const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async countActiveAdmins() {
      const r = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', 'admin')
        .where('disabled', '=', 0)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    listUsers: () => db.selectFrom('users').selectAll().orderBy('name').execute(),
    getUser: (id) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),
    getUserByName: (name) => db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst(),
    async insertUser(row) {
      await db.insertInto('users').values(row).execute();
    },
    updateUser: (id, patch) => db.updateTable('users').set(patch).where('id', '=', id).returningAll().executeTakeFirst(),
    async insertSession(row) {
      await db.insertInto('sessions').values(row).execute();
    },
    getSession: (idHash) => db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst(),
    async touchSession(idHash, at) {
      await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
    },
    async deleteSession(idHash) {
      await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },
    async deleteSessionsOf(userId) {
      const r = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async insertToken(row) {
      await db.insertInto('api_tokens').values(row).execute();
    },
    getTokenByHash: (hash) => db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst(),
    listTokens: (userId) => db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute(),
    async touchToken(id, at) {
      await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },
    async revokeToken(userId, id, at) {
      const r = await db
        .updateTable('api_tokens')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}
