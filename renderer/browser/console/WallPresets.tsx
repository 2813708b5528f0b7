// Presets of a whole wall: recall one (every display changes at once) or save the wall as it is
// now under a name. The engine refuses both while another operator holds the wall's control lease,
// and the message it sends names that operator.
import { useState } from 'react';
import type { EngineLink } from '../engine-client.js';
import type { WallPresetList } from './use-wall-presets.js';

export interface WallPresetsProps {
  link: EngineLink;
  connected: boolean;
  /** A valid wall id, or undefined while the operator is still typing one. */
  wallId: string | undefined;
  presets: WallPresetList;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function WallPresets({ link, connected, wallId, presets }: WallPresetsProps) {
  const { names, refresh } = presets;
  const [picked, setPicked] = useState('');
  const [newName, setNewName] = useState('');
  const [status, setStatus] = useState('');
  const chosen = names.includes(picked) ? picked : (names[0] ?? '');

  const recall = (): void => {
    if (!wallId || !chosen) return;
    setStatus('Recalling…');
    link.request('wall.recallPreset', { wallId, name: chosen }).then(
      ({ missingCameras }) =>
        setStatus(`Recalled "${chosen}"${missingCameras.length ? `; cameras gone since: ${missingCameras.join(', ')}` : ''}`),
      (error: unknown) => setStatus(`Not recalled: ${messageOf(error)}`),
    );
  };

  const save = (): void => {
    const name = newName.trim();
    if (!wallId || !name) return;
    setStatus('Saving…');
    link.request('wall.savePreset', { wallId, name }).then(
      () => {
        setStatus(`Saved the wall as "${name}"`);
        setNewName('');
        setPicked(name);
        refresh();
      },
      (error: unknown) => setStatus(`Not saved: ${messageOf(error)}`),
    );
  };

  return (
    <fieldset className="wall-presets" data-testid="wall-presets" style={{ gridColumn: '1 / -1', display: 'grid', gap: 6, border: 0, padding: 0, margin: 0 }}>
      <legend>Presets</legend>
      <select data-testid="wall-preset" value={chosen} disabled={!connected || names.length === 0} onChange={(e) => setPicked(e.target.value)}>
        {names.length === 0 ? <option value="">No presets</option> : names.map((name) => <option key={name}>{name}</option>)}
      </select>
      <button type="button" data-testid="wall-preset-recall" disabled={!connected || !wallId || !chosen} onClick={recall}>
        Recall on the whole wall
      </button>
      <input data-testid="wall-preset-name" placeholder="Save the wall as…" value={newName} maxLength={64} onChange={(e) => setNewName(e.target.value)} />
      <button type="button" data-testid="wall-preset-save" disabled={!connected || !wallId || !newName.trim()} onClick={save}>
        Save preset
      </button>
      <div role="status" data-testid="wall-preset-status" className="wall-send-status">
        {presets.problem ?? status}
      </div>
    </fieldset>
  );
}
