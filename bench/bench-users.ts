// The people the bench logs in as: one operator for the press-to-ring consoles, a supervisor who
// watches and tidies up, and one operator per simultaneous call (an operator has one live call).
import type { UserRole } from '../common/domain/user.js';

export const BENCH_PASSWORD = 'bench password, not secret';
export const PRESS_TO_RING_USER = 'bench-console';
/** The press-to-ring step's consoles, one operator each. */
export const PRESS_TO_RING_CONSOLES = 20;
export const pressToRingUser = (console: number): string => `${PRESS_TO_RING_USER}-${console + 1}`;
export const OBSERVER_USER = 'bench-observer';
/** Defines the bench's 2×2 wall for the preset-recall step. */
export const INSTALLER_USER = 'bench-installer';

export const callOperator = (calls: number, index: number): string => `bench-call-${calls}-${index + 1}`;

export function benchUsers(callSteps: number[]): { username: string; displayName: string; role: UserRole; password: string }[] {
  const operators = callSteps.flatMap((k) => Array.from({ length: k }, (_, i) => callOperator(k, i)));
  return [
    { username: PRESS_TO_RING_USER, displayName: 'Bench console', role: 'operator', password: BENCH_PASSWORD },
    ...Array.from({ length: PRESS_TO_RING_CONSOLES }, (_, i) => ({ username: pressToRingUser(i), displayName: `Bench console ${i + 1}`, role: 'operator' as const, password: BENCH_PASSWORD })),
    { username: OBSERVER_USER, displayName: 'Bench observer', role: 'supervisor', password: BENCH_PASSWORD },
    { username: INSTALLER_USER, displayName: 'Bench installer', role: 'installer', password: BENCH_PASSWORD },
    ...operators.map((username) => ({ username, displayName: username, role: 'operator' as const, password: BENCH_PASSWORD })),
  ];
}
