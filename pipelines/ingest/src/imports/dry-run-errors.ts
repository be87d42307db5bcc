// How many rejection reasons a dry run keeps (it writes no submissions to list them from).
export const DRY_RUN_ERRORS_KEPT = 1_000;
