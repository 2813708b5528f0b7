// A display's stream-selection settings, from its address: `?decodeBudget=300` (MP/s this display
// may decode) and `?subBelow=960x540` (device pixels under which a tile takes the sub stream).
// Anything missing or malformed falls back to the defaults: a bad setting must not blank a wall.
import { DEFAULT_DECODE_BUDGET_MPS } from './decode-budget.js';
import { DEFAULT_SIZE_POLICY, type SizePolicy } from './stream-by-size.js';

export interface StreamSelectionConfig {
  readonly size: SizePolicy;
  readonly decodeBudgetMps: number;
}

export const defaultStreamSelection: StreamSelectionConfig = { size: DEFAULT_SIZE_POLICY, decodeBudgetMps: DEFAULT_DECODE_BUDGET_MPS };

export function parseStreamSelection(search: string): StreamSelectionConfig {
  const params = new URLSearchParams(search);
  const budget = Number(params.get('decodeBudget') ?? Number.NaN);
  const size = /^(\d{1,5})x(\d{1,5})$/.exec(params.get('subBelow') ?? '');
  const width = size ? Number(size[1]) : 0;
  const height = size ? Number(size[2]) : 0;
  return {
    size: width > 0 && height > 0 ? { ...DEFAULT_SIZE_POLICY, subBelow: { width, height } } : DEFAULT_SIZE_POLICY,
    decodeBudgetMps: Number.isFinite(budget) && budget > 0 ? budget : DEFAULT_DECODE_BUDGET_MPS,
  };
}
