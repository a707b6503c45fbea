// Fee rules of a revenue code (DOMAIN.md "Fee rules"). Rates are decimal strings, never floats;
// the arithmetic lives in src/main/station/fees.ts with decimal.js.
import { z } from 'zod';
import { centsSchema } from './money';

const rate = z.string().regex(/^\d+(\.\d+)?$/, 'a decimal rate such as "0.06"');
const amount = z.number().int().min(0);

export const feeRuleSchema = z.discriminatedUnion('type', [
  /** Any amount the payer chooses or owes: payment on account, LID instalment, deposit. */
  z.object({ type: z.literal('open') }),
  z.object({ type: z.literal('fixed'), amountCents: amount }),
  /** Unit price may carry fractions of a cent (e.g. "0.125" dollars per sq ft): rounded half-up at the end. */
  z.object({ type: z.literal('per_unit'), unitPrice: rate, unitLabel: z.string(), minimumCents: amount.optional() }),
  /** Flat fee by bracket of a count (e.g. employees): the first tier whose upTo ≥ the count; upTo null = no limit. */
  z.object({ type: z.literal('tiered'), unitLabel: z.string(), tiers: z.array(z.object({ upTo: z.number().int().min(0).nullable(), amountCents: amount })).min(1) }),
  /** Percentage of a base amount (e.g. utility tax), rate as a fraction: "0.06" is 6 %. */
  z.object({ type: z.literal('percentage'), rate, baseLabel: z.string() }),
  /** Late penalty: base × monthly rate × whole months past due, capped. */
  z.object({ type: z.literal('late_penalty'), monthlyRate: rate, capCents: amount }),
]);
export type FeeRule = z.infer<typeof feeRuleSchema>;

/** What a cashier keys in for a computed fee. */
export const feeInputsSchema = z.object({
  quantity: z.number().int().min(0).max(10_000_000).optional(),
  baseCents: centsSchema.optional(),
  monthsPastDue: z.number().int().min(0).max(600).optional(),
}).strict();
export type FeeInputs = z.infer<typeof feeInputsSchema>;
