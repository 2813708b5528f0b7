// Who is logged in on a page's link, and whether the work that link is for can be sent now
// (logged in with a role the link admits: call takers on the console, installers on /setup).
import { useCallback, useSyncExternalStore } from 'react';
import type { UserSummary } from '../../../common/domain/user.js';
import type { LoginState, OperatorLink } from './operator-link.js';

export interface LoginView {
  user: UserSummary | null;
  loginState: LoginState;
  ready: boolean;
}

export function useLogin(link: OperatorLink): LoginView {
  const subscribe = useCallback((notify: () => void) => link.subscribe(notify), [link]);
  const loginState = useSyncExternalStore(subscribe, () => link.loginState);
  const user = useSyncExternalStore(subscribe, () => link.user);
  return { user, loginState, ready: loginState.kind === 'logged-in' && link.admits(user) };
}
