// Who is calling: roles, scopes and what each role may do.

export const ROLES = ['cadre', 'analyst', 'lead', 'engineer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** Stored token id, or `bootstrap` for ADMIN_TOKEN, or `anonymous` under PUBLIC_READ. */
  token_id: string;
  name: string;
  role: Role | 'anonymous';
  /** Area code a lead may read (province or kabupaten), or the village a cadre reports for. */
  scope: string | null;
}

/** Roles that may read analytics. */
export const READ_ROLES: readonly Role[] = ['analyst', 'lead', 'engineer', 'admin'];
