// Who is logged in on the installer's page, and whether setup work can be sent now (logged in as
// an installer, on a live connection: the engine takes setup.* only then).
import { useCallback, useSyncExternalStore } from 'react';
import type { UserSummary } from '../../../common/domain/user.js';
import type { LoginState, OperatorLink } from '../alerts/operator-link.js';

export interface SetupLogin {
  user: UserSummary | null;
  loginState: LoginState;
  ready: boolean;
}

export function useSetupLogin(link: OperatorLink): SetupLogin {
  const subscribe = useCallback((notify: () => void) => link.subscribe(notify), [link]);
  const loginState = useSyncExternalStore(subscribe, () => link.loginState);
  const user = useSyncExternalStore(subscribe, () => link.user);
  return { user, loginState, ready: loginState.kind === 'logged-in' && user?.role === 'installer' };
}
