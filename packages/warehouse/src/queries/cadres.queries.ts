// The cadre roster as readers see it: the digital cadre who looks after a village.
import type { Kysely } from 'kysely';
import type { Database } from '../schema';

export interface VillageCadre {
  cadre_id: string;
  name: string;
  active: boolean;
  /** Programme region (cohort) code, e.g. JKT; null when the roster left it out. */
  region: string | null;
  updated_at: Date;
}

/**
 * The village's cadre, or null when the roster names none. A village keeps the rows of the
 * cadres it had over time: the active one wins, then the most recently updated (then the
 * highest id, so the answer never depends on storage order).
 */
export async function getVillageCadre(
  db: Kysely<Database>,
  villageCode: string,
): Promise<VillageCadre | null> {
  // Through the village_code index (a lone equality filter, as getVillageReports reads).
  const row = await db
    .with(
      (cte) => cte('v').materialized(),
      (db) =>
        db
          .selectFrom('cadres')
          .select(['cadre_id', 'name', 'active', 'region', 'updated_at'])
          .where('village_code', '=', villageCode),
    )
    .selectFrom('v')
    .selectAll()
    .orderBy('active', 'desc')
    .orderBy('updated_at', 'desc')
    .orderBy('cadre_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}
