// The quality page's one write: a flag's follow-up, through the typed client, with the tab's token.
import type { QualityStatus } from '@pantau/domain';
import { jsonOrThrow } from '$lib/api/api-error';
import { apiClient } from '$lib/api/client';
import type { QualityFlag } from '$lib/api/endpoints';

export function followUpFlag(
  token: string,
  id: number,
  body: { status: QualityStatus; comment: string | null },
): Promise<QualityFlag> {
  return apiClient(fetch, '')
    .api.v1.quality.flags[':id'].$patch(
      { param: { id: String(id) }, json: body },
      { headers: { authorization: `Bearer ${token}` } },
    )
    .then((r) => jsonOrThrow<QualityFlag>(r));
}
