// Section 5: who logs in. Add a person or replace one's name, role and password (how a forgotten
// password is reset); disable an account (its logins stop at once).
import { useCallback, useState } from 'react';
import { userRoles, type UserSummary } from '../../../common/domain/user.js';
import type { EngineLink } from '../engine-client.js';
import { ConfirmButton } from './ConfirmButton.js';
import { Done } from './Done.js';
import { FieldInput } from './FieldInput.js';
import { checkUserForm, type UserFormValues } from './form-check.js';
import { FormEnd } from './FormEnd.js';
import { ListTable } from './ListTable.js';
import { Problem } from './Problem.js';
import { SetupForm } from './SetupForm.js';
import { useAction } from './use-action.js';
import { useFieldForm } from './use-field-form.js';
import { useRowAction } from './use-row-action.js';
import { useSetupList } from './use-setup-list.js';

const roleWords: Record<(typeof userRoles)[number], string> = {
  operator: 'operator (takes calls)',
  supervisor: 'supervisor (calls, escalations, audit)',
  installer: 'installer (this page)',
  wall: 'wall (a display)',
};

const emptyForm: UserFormValues = { username: '', displayName: '', role: 'operator', password: '' };

export function UsersPanel({ link, ready, me }: { link: EngineLink; ready: boolean; me: string }) {
  const load = useCallback(() => link.request('setup.listUsers', {}).then((r) => r.users), [link]);
  const list = useSetupList<UserSummary>(ready, load);
  const save = useAction();
  const form = useFieldForm<UserFormValues>(emptyForm);
  const [saved, setSaved] = useState<UserSummary | null>(null);
  const disabling = useRowAction();

  const existing = list.items?.find((user) => user.username === form.values.username.trim().toLowerCase());

  const submit = async (): Promise<void> => {
    const checked = checkUserForm(form.values);
    if (!form.passed(checked)) return;
    setSaved(null);
    const result = await save.run(() => link.request('setup.saveUser', checked.data));
    form.setValues((current) => ({ ...current, password: '' }));
    if (!result) return;
    setSaved(result.user);
    form.setValues(emptyForm);
    list.reload();
  };

  const disable = (username: string): Promise<void> =>
    disabling.run(username, async () => {
      await link.request('setup.disableUser', { username });
      list.reload();
    });

  return (
    <div className="setup-panel-body">
      <SetupForm testId="user-form" label="Add or replace a user" onSubmit={submit}>
        <FieldInput label="User name" testId="user-username" {...form.field('username')} maxLength={40} autoComplete="off" />
        <FieldInput label="Full name" testId="user-display-name" {...form.field('displayName')} maxLength={80} autoComplete="off" />
        <label className="setup-field">
          Role
          <select data-testid="user-role" value={form.values.role} onChange={(event) => form.set('role')(event.target.value)}>
            {userRoles.map((role) => (
              <option key={role} value={role}>
                {roleWords[role]}
              </option>
            ))}
          </select>
          {form.errors.role ? <span className="field-problem">{form.errors.role}</span> : null}
        </label>
        <FieldInput label="Password (at least 8 characters)" type="password" testId="user-password" {...form.field('password')} maxLength={256} autoComplete="new-password" />
        <FormEnd
          action={save}
          ready={ready}
          warning={
            existing
              ? { testId: 'user-exists', text: `${existing.username} exists (${existing.displayName}, ${existing.role}): saving replaces their name, role and password.` }
              : null
          }
          submitTestId="user-save"
          submitLabel={existing ? 'Replace user' : 'Add user'}
          busyLabel="Saving…"
          problemTestId="user-form-problem"
        >
          <Done text={saved && `Saved ${saved.username} (${saved.role}). They can log in now.`} testId="user-saved" data-username={saved?.username} />
        </FormEnd>
      </SetupForm>
      <ListTable
        list={list}
        testId="users"
        caption={(users) => `${users.length} active user${users.length === 1 ? '' : 's'}`}
        columns={['User name', 'Name', 'Role']}
        buttonsColumn="Action"
        row={(user) => (
          <tr key={user.username} data-testid="user-row" data-username={user.username} data-role={user.role}>
            <td>{user.username}</td>
            <td>{user.displayName}</td>
            <td>{user.role}</td>
            <td>
              <ConfirmButton
                label="Disable"
                question={`Disable ${user.displayName} (${user.username})? They cannot log in again; a page they have open keeps working only until it reconnects.`}
                confirmLabel="Disable"
                testId="user-disable"
                busy={disabling.busyId === user.username}
                disabled={!ready || user.username === me}
                title={user.username === me ? 'You cannot disable your own account' : undefined}
                onConfirm={() => void disable(user.username)}
              />
              <Problem text={disabling.problems[user.username]} testId="user-row-problem" />
            </td>
          </tr>
        )}
      />
    </div>
  );
}
