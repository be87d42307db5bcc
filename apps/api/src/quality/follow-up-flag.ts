// A person's follow-up of a quality flag: checked against their scope, recorded with the audit.
import type { QualityStatus } from '@pantau/domain';
import {
  followUpQualityFlag,
  getQualityFlag,
  recordAudit,
  type QualityFlag,
} from '@pantau/warehouse';
import type { Principal } from '../auth/principal';
import { assertMayRead } from '../auth/scope';
import type { AppDeps } from '../deps';
import { notFound } from '../errors';

export interface FollowUpInput {
  status: QualityStatus;
  comment?: string | null;
}

/**
 * Sets a flag's status and comment as `principal` (404 for no such flag, 403 for a lead outside
 * its scope), in one transaction with its audit entry. Returns the flag as it now stands.
 */
export async function followUpFlag(
  deps: AppDeps,
  principal: Principal,
  id: number,
  input: FollowUpInput,
): Promise<QualityFlag> {
  const at = deps.clock();
  return deps.warehouse.write(async ({ db }) => {
    const flag = await getQualityFlag(db, id);
    if (!flag) throw notFound(`Quality flag ${id}`);
    assertMayRead(principal, flag.village_code, 'id');
    const comment = input.comment ?? null;
    await followUpQualityFlag(db, id, { status: input.status, comment, by: principal.name, at });
    await recordAudit(db, {
      actor: principal,
      action: 'flag.followed_up',
      target: String(id),
      details: {
        village_code: flag.village_code,
        period: flag.period,
        indicator: flag.indicator,
        method: flag.method,
        status: input.status,
        comment,
      },
      at,
    });
    return (await getQualityFlag(db, id))!;
  });
}
