// Presets of a whole wall: recall one (every display changes at once) or save the wall as it is
// now under a name. The engine refuses both while another operator holds the wall's control lease,
// and the message it sends names that operator.
import { useCallback, useEffect, useState } from 'react';
import type { EngineLink } from '../engine-client.js';

export interface WallPresetsProps {
  link: EngineLink;
  connected: boolean;
  /** A valid wall id, or undefined while the operator is still typing one. */
  wallId: string | undefined;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function WallPresets({ link, connected, wallId }: WallPresetsProps) {
  const [names, setNames] = useState<string[]>([]);
  const [chosen, setChosen] = useState('');
  const [newName, setNewName] = useState('');
  const [status, setStatus] = useState('');

  const refresh = useCallback((): void => {
    if (!connected || !wallId) return setNames([]);
    link.request('wall.listPresets', { wallId }).then(
      ({ presets }) => {
        const listed = presets.map((p) => p.name);
        setNames(listed);
        setChosen((current) => (listed.includes(current) ? current : (listed[0] ?? '')));
      },
      (error: unknown) => setStatus(`Presets not loaded: ${messageOf(error)}`),
    );
  }, [link, connected, wallId]);

  useEffect(refresh, [refresh]);

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
        setChosen(name);
        refresh();
      },
      (error: unknown) => setStatus(`Not saved: ${messageOf(error)}`),
    );
  };

  return (
    <fieldset className="wall-presets" data-testid="wall-presets" style={{ gridColumn: '1 / -1', display: 'grid', gap: 6, border: 0, padding: 0, margin: 0 }}>
      <legend>Presets</legend>
      <select data-testid="wall-preset" value={chosen} disabled={!connected || names.length === 0} onChange={(e) => setChosen(e.target.value)}>
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
        {status}
      </div>
    </fieldset>
  );
}
