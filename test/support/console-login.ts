// Logging a console page in through its form, as an operator at a workstation does.
import type { Page } from 'playwright-core';

export async function logIn(page: Page, username: string, password: string, timeoutMs = 15_000): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.locator('[data-testid="operator"][data-logged-in="true"]').waitFor({ timeout: timeoutMs });
}
