// A socket on the site token with a person logged in on it, as a console is once its operator has
// logged in: the site token alone opens only the login. The user is written to the engine's file
// first unless they exist (an installer would have made them on /setup).
import type { UserRole } from '../../common/domain/user.js';
import type { UserRepo } from '../../main/engine/node/store/user-repo.js';
import { TestClient } from './ws-client.js';

export async function loggedInClient(wsUrl: string, users: UserRepo, username: string, role: UserRole = 'operator'): Promise<TestClient> {
  const password = `${username} long password`;
  if (!users.get(username)) await users.upsert({ username, displayName: username, role, password });
  const client = await TestClient.connect(wsUrl);
  await client.ok('session.login', { username, password });
  return client;
}
