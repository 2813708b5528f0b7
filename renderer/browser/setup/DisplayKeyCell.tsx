// One wall display's key: issue one (shown once, as the page address with the key: the engine
// keeps only its hash) or revoke it (the display's open page is cut off at once and cannot
// reconnect until a new key is issued).
import { useState } from 'react';
import type { MethodResult } from '../../../common/protocol/methods.js';
import type { EngineLink } from '../engine-client.js';
import { CopyButton } from './CopyButton.js';
import { useCopy } from './use-copy.js';
import type { RowAction } from './use-row-action.js';
import { wallPageAddress } from './wall-mapping.js';

export type DisplayKeyState = MethodResult<'setup.listDisplayKeys'>['displays'][number];

interface DisplayKeyCellProps {
  link: EngineLink;
  wallId: string;
  displayId: string;
  state: DisplayKeyState | undefined;
  action: RowAction;
  onChanged: (state: DisplayKeyState) => void;
}

export function DisplayKeyCell({ link, wallId, displayId, state, action, onChanged }: DisplayKeyCellProps) {
  const copier = useCopy();
  const [address, setAddress] = useState<string | null>(null);
  const ref = { wallId, displayId };
  const issue = (): Promise<void> =>
    action.run(displayId, async () => {
      const { display, key } = await link.request('setup.issueDisplayKey', ref);
      setAddress(wallPageAddress(window.location.origin, wallId, displayId, key));
      onChanged(display);
    });
  const revoke = (): Promise<void> =>
    action.run(displayId, async () => {
      const { display } = await link.request('setup.revokeDisplayKey', ref);
      setAddress(null);
      onChanged(display);
    });
  const busy = action.busyId === displayId;
  const status = state?.revokedAt !== undefined ? 'revoked' : state?.hasKey ? 'issued' : 'none';
  return (
    <div className="setup-buttons" data-testid="wall-display-key" data-key-state={status}>
      <span>Key: {status}</span>
      <button type="button" data-testid="wall-display-issue" disabled={busy} onClick={() => void issue()}>
        {state?.hasKey ? 'Issue a new key' : 'Issue key'}
      </button>
      {state?.hasKey ? (
        <button type="button" data-testid="wall-display-revoke" disabled={busy} onClick={() => void revoke()}>
          Revoke
        </button>
      ) : null}
      {address ? (
        <>
          <input readOnly data-testid="wall-display-address" value={address} title="Shown once: open it on the wall PC" onFocus={(event) => event.target.select()} />
          <CopyButton copier={copier} what={`display ${displayId}`} text={address} label="Copy page address" testId="wall-display-address-copy" />
        </>
      ) : null}
      {action.problems[displayId] ? <span role="alert">{action.problems[displayId]}</span> : null}
    </div>
  );
}
