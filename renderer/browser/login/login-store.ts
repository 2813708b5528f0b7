// The console keeps its login token (never the password) in this tab's sessionStorage, so a reload
// or a reconnect logs the same person back in; logging out or a refused token forgets it.
import { z } from 'zod';

const STORAGE_KEY = 'jharokha.login';
const StoredLogin = z.object({ token: z.string().min(32).max(200) });

export type LoginStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function storedLoginToken(storage: LoginStorage): string | null {
  try {
    const raw = storage.getItem(STORAGE_KEY);
    const stored = raw === null ? null : StoredLogin.safeParse(JSON.parse(raw));
    return stored?.success ? stored.data.token : null;
  } catch {
    return null;
  }
}

export function storeLoginToken(storage: LoginStorage, token: string | null): void {
  try {
    if (token === null) storage.removeItem(STORAGE_KEY);
    else storage.setItem(STORAGE_KEY, JSON.stringify({ token }));
  } catch {
    // Storage disabled: a reload asks for the password again.
  }
}
