// The support bundle an admin sends IT (issue 18): the station's logs, its settings without secrets,
// what `verify` says, and the versions — one JSON file, nothing in it a PIN, token, secret or card number.
import { emptyInput, op } from './op';

export interface SupportBundleView {
  filename: string;
  /** The bundle, as JSON text. */
  content: string;
}

export const supportContract = {
  'support.bundle': op<SupportBundleView>()('admin', emptyInput),
} as const;
