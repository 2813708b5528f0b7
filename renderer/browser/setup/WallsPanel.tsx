// Section 6: video walls. Define a wall (its grid of displays, their size and bezel) or redefine
// one, then hand out where each display goes: the page it shows, its key (shown once) and the
// displays.json entry its wall PC needs. The protocol schema the engine applies judges every value; a refusal is shown
// here in its words, at the fields it names.
import { useCallback, useEffect, useState } from 'react';
import type { WallDefinition, WallSummary } from '../../../common/domain/wall.js';
import type { EngineLink } from '../engine-client.js';
import { CopyButton } from './CopyButton.js';
import { DisplayKeyCell, type DisplayKeyState } from './DisplayKeyCell.js';
import { Done } from './Done.js';
import { engineErrorText } from './engine-error.js';
import { FieldInput } from './FieldInput.js';
import { FormEnd } from './FormEnd.js';
import { ListTable } from './ListTable.js';
import { SetupForm } from './SetupForm.js';
import { SetupTable } from './SetupTable.js';
import { useAction } from './use-action.js';
import { useCopy } from './use-copy.js';
import { useFieldForm } from './use-field-form.js';
import { useRowAction } from './use-row-action.js';
import { useSetupList } from './use-setup-list.js';
import { emptyWallForm, refusalFields, wallFormParams, wallFormValues, type WallFormValues } from './wall-form.js';
import { displayPosition, displaysJsonEntry, displaysJsonFile, wallPagePath } from './wall-mapping.js';

export function WallsPanel({ link, ready }: { link: EngineLink; ready: boolean }) {
  const load = useCallback(() => link.request('walls.list', {}).then((r) => r.walls), [link]);
  const list = useSetupList<WallSummary>(ready, load);
  const save = useAction();
  const form = useFieldForm<WallFormValues>(emptyWallForm);
  const [saved, setSaved] = useState<WallDefinition | null>(null);
  const [shown, setShown] = useState<string | null>(null);

  const walls = list.items?.map((summary) => summary.wall) ?? [];
  const existing = walls.find((wall) => wall.id === form.values.id.trim());
  const mapped = walls.find((wall) => wall.id === shown) ?? walls[0];

  const submit = async (): Promise<void> => {
    const checked = wallFormParams(form.values);
    setSaved(null);
    if (!form.passed(checked)) {
      save.clearProblem();
      return;
    }
    // The form's problem line shows the refusal (useAction); the fields it names are marked too.
    const seen: { refusal?: string } = {};
    const result = await save.run(() =>
      link.request('setup.saveWall', checked.params).catch((error: unknown) => {
        seen.refusal = engineErrorText(error);
        throw error;
      }),
    );
    if (!result) {
      if (seen.refusal !== undefined) form.setErrors(refusalFields(seen.refusal));
      return;
    }
    setSaved(result.wall);
    setShown(result.wall.id);
    form.setValues(emptyWallForm);
    list.reload();
  };

  const edit = (wall: WallDefinition): void => {
    form.setValues(wallFormValues(wall));
    form.setErrors({});
    setSaved(null);
    save.clearProblem();
    setShown(wall.id);
  };

  return (
    <div className="setup-panel-body">
      <SetupForm testId="wall-form" label="Define or redefine a wall" onSubmit={submit}>
        <FieldInput label="Wall id" testId="wall-id" {...form.field('id')} placeholder="ops" maxLength={64} autoComplete="off" />
        <FieldInput label="Name" testId="wall-name" {...form.field('name')} placeholder="Operations wall" maxLength={80} />
        <FieldInput label="Columns (displays across)" testId="wall-columns" {...form.field('columns')} inputMode="numeric" placeholder="2" />
        <FieldInput label="Rows (displays down)" testId="wall-rows" {...form.field('rows')} inputMode="numeric" placeholder="2" />
        <FieldInput label="Display picture width (mm)" testId="wall-width" {...form.field('widthMm')} inputMode="numeric" placeholder="1210" />
        <FieldInput label="Display picture height (mm)" testId="wall-height" {...form.field('heightMm')} inputMode="numeric" placeholder="680" />
        <FieldInput label="Bezel on each edge (mm)" testId="wall-bezel" {...form.field('bezelMm')} inputMode="numeric" placeholder="2" />
        <FieldInput label="Display ids, row by row (blank: 1, 2, …)" testId="wall-displays" {...form.field('displays')} placeholder="1, 2, 3, 4" autoComplete="off" />
        <FormEnd
          action={save}
          ready={ready}
          warning={
            existing
              ? {
                  testId: 'wall-exists',
                  text: `${existing.id} exists (${existing.columns}×${existing.rows}): saving redefines it, and cameras spanning displays it no longer has are taken off.`,
                }
              : null
          }
          submitTestId="wall-save"
          submitLabel={existing ? 'Redefine wall' : 'Add wall'}
          busyLabel="Saving…"
          problemTestId="wall-form-problem"
        >
          <Done text={saved && `Saved ${saved.name} (${saved.columns}×${saved.rows}). Hand each wall PC its entry below.`} testId="wall-saved" data-wall-id={saved?.id} />
        </FormEnd>
      </SetupForm>
      <ListTable
        list={list}
        testId="walls"
        caption={(summaries) => `${summaries.length} wall${summaries.length === 1 ? '' : 's'}`}
        columns={['Id', 'Name', 'Grid', 'Display', 'Display ids']}
        buttonsColumn="Actions"
        row={({ wall }) => (
          <tr key={wall.id} data-testid="wall-row" data-wall-id={wall.id} data-grid={`${wall.columns}x${wall.rows}`}>
            <td>{wall.id}</td>
            <td>{wall.name}</td>
            <td>
              {wall.columns}×{wall.rows}
            </td>
            <td>
              {wall.display.widthMm}×{wall.display.heightMm} mm, bezel {wall.display.bezelMm} mm
            </td>
            <td data-testid="wall-row-displays">{wall.displays.join(', ')}</td>
            <td>
              <div className="setup-buttons">
                <button type="button" data-testid="wall-show" aria-pressed={mapped?.id === wall.id} onClick={() => setShown(wall.id)}>
                  Where displays go
                </button>
                <button type="button" data-testid="wall-edit" onClick={() => edit(wall)}>
                  Edit
                </button>
              </div>
            </td>
          </tr>
        )}
      />
      {mapped ? <WallMapping key={mapped.id} wall={mapped} link={link} /> : null}
    </div>
  );
}

/** Every display of one wall: its place in the grid, its page and key, and the wall PC's displays.json entry. */
function WallMapping({ wall, link }: { wall: WallDefinition; link: EngineLink }) {
  const copier = useCopy();
  const file = displaysJsonFile(wall);
  const keyAction = useRowAction();
  const [keys, setKeys] = useState<ReadonlyMap<string, DisplayKeyState>>(new Map());
  useEffect(() => {
    let cancelled = false;
    link.request('setup.listDisplayKeys', {}).then(
      ({ displays }) => {
        if (!cancelled) setKeys(new Map(displays.filter((d) => d.wallId === wall.id).map((d) => [d.displayId, d])));
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [link, wall.id]);
  const keyChanged = (state: DisplayKeyState): void => setKeys((current) => new Map(current).set(state.displayId, state));
  return (
    <div className="setup-panel-body" data-testid="wall-mapping" data-wall-id={wall.id}>
      <h3 className="setup-form-title">Where the displays of {wall.name} go</h3>
      <p className="setup-hint">
        On each wall PC, open displays.json in the app&apos;s data folder and put a display&apos;s entry inside &quot;displays&quot;, replacing the
        placeholder with the Electron id the app logs for that monitor at start. The app then opens the page full-screen on it. A wall PC
        whose app runs no engine of its own, or a browser, needs the display&apos;s key: issue it here (it is shown once) and add it to the
        entry as &quot;key&quot;, or open the page address it comes with.
      </p>
      <SetupTable
        testId="wall-displays-table"
        caption={`${wall.displays.length} display${wall.displays.length === 1 ? '' : 's'}, ${wall.columns}×${wall.rows}`}
        columns={['Display', 'Position', 'Page', 'Key', 'displays.json entry']}
        buttonsColumn="Copy"
      >
        {wall.displays.map((displayId) => {
          const position = displayPosition(wall, displayId);
          const entry = displaysJsonEntry(wall.id, displayId);
          return (
            <tr key={displayId} data-testid="wall-display" data-display-id={displayId}>
              <td>{displayId}</td>
              <td>{position ? `row ${position.row}, column ${position.column}` : '—'}</td>
              <td className="setup-uri" data-testid="wall-display-page">
                {wallPagePath(wall.id, displayId)}
              </td>
              <td>
                <DisplayKeyCell link={link} wallId={wall.id} displayId={displayId} state={keys.get(displayId)} action={keyAction} onChanged={keyChanged} />
              </td>
              <td>
                <code className="setup-uri" data-testid="wall-display-entry">
                  {entry}
                </code>
              </td>
              <td>
                <CopyButton copier={copier} what={displayId} text={entry} label="Copy entry" testId="wall-display-copy" />
              </td>
            </tr>
          );
        })}
      </SetupTable>
      <label className="setup-block-label">
        displays.json for one PC driving all {wall.displays.length} displays
        <textarea data-testid="wall-displays-file" readOnly rows={Math.min(12, wall.displays.length * 5 + 4)} spellCheck={false} value={file} onFocus={(event) => event.target.select()} />
      </label>
      <div className="setup-buttons">
        <CopyButton copier={copier} what="file" text={file} label="Copy displays.json" testId="wall-file-copy" />
      </div>
    </div>
  );
}
