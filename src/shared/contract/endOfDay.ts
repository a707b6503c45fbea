// endOfDay operations — filled in by its issue.
export const endOfDayContract = {
} as const;
