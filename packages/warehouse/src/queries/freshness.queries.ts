// How fresh the store is: when the loader last committed reports.
import type { Kysely } from 'kysely';
import type { Database } from '../schema';

export async function lastLoadedAt(db: Kysely<Database>): Promise<Date | null> {
  const row = await db
    .selectFrom('reports')
    .select((eb) => eb.fn.max('loaded_at').as('loaded_at'))
    .executeTakeFirst();
  return row?.loaded_at ?? null;
}
