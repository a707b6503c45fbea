// Printing operations (print queue, forms) — filled in by the devices issue (printer part).
export const printingContract = {
} as const;
