// Who is at this console, asked once per tab when the address did not say (?operator=…&role=…).
import { useState } from 'react';
import { OperatorName, Role } from '../../../common/domain/alert.js';
import type { IdentifyState } from './operator-link.js';
import type { OperatorIdentity } from './operator-identity.js';

export function IdentityForm({ state, onSubmit }: { state: IdentifyState; onSubmit: (identity: OperatorIdentity) => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const valid = OperatorName.safeParse(name).success;
  return (
    <form
      className="identity-form"
      data-testid="identity-form"
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = OperatorName.safeParse(name);
        if (parsed.success) onSubmit({ name: parsed.data, role });
      }}
    >
      <h2>Who is at this console?</h2>
      {state.kind === 'refused' ? (
        <p className="identity-problem" role="alert">
          The engine did not accept that: {state.message}
        </p>
      ) : null}
      <label>
        Your name
        <input data-testid="operator-name" value={name} maxLength={80} autoComplete="name" onChange={(event) => setName(event.target.value)} />
      </label>
      <label>
        Role
        <select data-testid="operator-role" value={role} onChange={(event) => setRole(event.target.value as Role)}>
          {Role.options.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary" data-testid="operator-submit" disabled={!valid}>
        Take calls
      </button>
    </form>
  );
}
