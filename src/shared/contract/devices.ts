// devices operations — filled in by its issue.
export const devicesContract = {
} as const;
