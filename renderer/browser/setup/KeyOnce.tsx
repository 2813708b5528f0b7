// A new box's key, shown once: the engine keeps only its hash, so it cannot be shown again.
// "Done" forgets it; a reload or leaving the page forgets it too.
import { CopyButton } from './CopyButton.js';
import { kioskAddress } from './kiosk-address.js';
import { useCopy } from './use-copy.js';

export function KeyOnce({ boxId, boxKey, origin, onDone }: { boxId: string; boxKey: string; origin: string; onDone: () => void }) {
  const address = kioskAddress(origin, boxId, boxKey);
  const copier = useCopy();
  return (
    <div className="key-once" role="alert" data-testid="box-key-once" data-box-id={boxId}>
      <p className="key-once-warning">Write this down now: the key is not shown again. Registering the box again issues a new key.</p>
      <label className="setup-block-label">
        Key of {boxId}
        <input readOnly data-testid="box-key" value={boxKey} onFocus={(event) => event.target.select()} />
      </label>
      <label className="setup-block-label">
        Kiosk address (open it on the box)
        <input readOnly data-testid="box-kiosk-address" value={address} onFocus={(event) => event.target.select()} />
      </label>
      <div className="setup-buttons">
        <CopyButton copier={copier} what="address" text={address} label="Copy kiosk address" testId="box-key-copy" />
        <button type="button" className="primary" data-testid="box-key-dismiss" onClick={onDone}>
          I have written it down
        </button>
      </div>
    </div>
  );
}
