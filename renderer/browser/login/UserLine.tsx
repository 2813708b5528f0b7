// Who is logged in on this page, how the login stands, and the way out.
import type { UserSummary } from '../../../common/domain/user.js';
import type { LoginState } from './operator-link.js';

export function UserLine({ user, loginState, onLogout }: { user: UserSummary; loginState: LoginState; onLogout: () => void }) {
  return (
    <div className="operator-line" data-testid="operator" data-operator={user.username} data-role={user.role} data-logged-in={loginState.kind === 'logged-in'}>
      {user.displayName} · {user.role}
      {loginState.kind === 'logging-in' ? ' · signing in…' : loginState.kind === 'offline' ? ' · offline' : ''}
      <button type="button" className="link-button" data-testid="logout" onClick={onLogout}>
        Log out
      </button>
    </div>
  );
}
