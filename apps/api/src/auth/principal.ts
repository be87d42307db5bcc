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

/** Roles that may submit reports; a cadre only for its own village (see assertMayReportFor). */
export const SUBMIT_ROLES: readonly Role[] = ['cadre', 'engineer', 'admin'];

/** Roles that run the pipeline: imports, roster, queue operations. */
export const PIPELINE_ROLES: readonly Role[] = ['engineer', 'admin'];

/** Roles that follow quality flags up; a lead only inside its scope. */
export const QUALITY_ROLES: readonly Role[] = ['analyst', 'lead'];

/** Roles that manage API tokens. */
export const TOKEN_ADMIN_ROLES: readonly Role[] = ['admin'];

/** Roles whose token carries a scope, and the area levels that scope may name. */
export const SCOPED_ROLES = {
  lead: ['province', 'regency'],
  cadre: ['village'],
} as const satisfies Partial<Record<Role, readonly string[]>>;

export const BOOTSTRAP_PRINCIPAL: Principal = {
  token_id: 'bootstrap',
  name: 'ADMIN_TOKEN',
  role: 'admin',
  scope: null,
};

export const ANONYMOUS_PRINCIPAL: Principal = {
  token_id: 'anonymous',
  name: 'anonymous',
  role: 'anonymous',
  scope: null,
};
