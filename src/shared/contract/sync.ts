// sync operations — filled in by its issue.
export const syncContract = {
} as const;
