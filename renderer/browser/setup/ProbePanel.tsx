// Section 2: probe cameras of the inventory: connect to each stream, measure what it really sends
// (codec, resolution, frame rate, keyframe interval) or say why it could not.
import { useMemo, useState } from 'react';
import type { CameraSummary, StreamKind } from '../../../common/domain/camera.js';
import { methods } from '../../../common/protocol/methods.js';
import { useCameraSearch } from '../ui/use-camera-search.js';
import type { EngineLink } from '../engine-client.js';
import { probePercent } from './probe-job.js';
import { describeProbe } from './probe-words.js';
import { Problem } from './Problem.js';
import { SetupTable } from './SetupTable.js';
import { useProbeJob } from './use-probe-job.js';

/** What setup.probeCameras takes in one job. */
const MAX_PER_JOB = methods['setup.probeCameras'].params.shape.cameraIds._def.maxLength?.value ?? 500;

export function ProbePanel({ link, ready }: { link: EngineLink; ready: boolean }) {
  const [text, setText] = useState('');
  const [stream, setStream] = useState<StreamKind>('main');
  const [selected, setSelected] = useState<ReadonlyMap<string, CameraSummary>>(new Map());
  const search = useCameraSearch(link, text, null, ready);
  const { job, start } = useProbeJob(link);
  const running = job.phase === 'starting' || job.phase === 'running';

  const toggle = (camera: CameraSummary): void =>
    setSelected((current) => {
      const next = new Map(current);
      if (next.has(camera.id)) next.delete(camera.id);
      else next.set(camera.id, camera);
      return next;
    });
  const selectShown = (): void =>
    setSelected((current) => {
      const next = new Map(current);
      for (const camera of search.cameras) next.set(camera.id, camera);
      return next;
    });
  const names = useMemo(() => {
    const known = new Map<string, string>();
    for (const camera of search.cameras) known.set(camera.id, camera.name);
    for (const camera of selected.values()) known.set(camera.id, camera.name);
    return known;
  }, [search.cameras, selected]);
  const tooMany = selected.size > MAX_PER_JOB;

  return (
    <div className="setup-panel-body">
      <div className="probe-pick">
        <label className="probe-search">
          Find cameras
          <input
            type="search"
            data-testid="probe-search"
            value={text}
            placeholder="name, place or id"
            onChange={(event) => setText(event.target.value)}
          />
        </label>
        <div className="setup-buttons">
          <button type="button" data-testid="probe-select-all" disabled={search.cameras.length === 0} onClick={selectShown}>
            Select all shown ({search.cameras.length}
            {search.total > search.cameras.length ? ` of ${search.total}` : ''})
          </button>
          <button type="button" data-testid="probe-select-none" disabled={selected.size === 0} onClick={() => setSelected(new Map())}>
            Clear selection
          </button>
          <span className="setup-count" data-testid="probe-selected" data-count={selected.size}>
            {selected.size} selected
          </span>
        </div>
        <Problem text={search.error} testId="probe-search-problem" />
        <ul className="probe-cameras" data-testid="probe-cameras" aria-busy={search.loading}>
          {search.cameras.map((camera) => (
            <li key={camera.id}>
              <label>
                <input type="checkbox" data-testid={`probe-camera-${camera.id}`} checked={selected.has(camera.id)} onChange={() => toggle(camera)} />
                <span className="camera-name">{camera.name}</span>
                <span className="camera-place">{camera.id}</span>
              </label>
            </li>
          ))}
        </ul>
      </div>
      <div className="setup-buttons">
        <label className="inline-label">
          Stream
          <select data-testid="probe-stream" value={stream} onChange={(event) => setStream(event.target.value as StreamKind)}>
            <option value="main">main</option>
            <option value="sub">sub</option>
          </select>
        </label>
        <button
          type="button"
          className="primary"
          data-testid="probe-start"
          disabled={!ready || selected.size === 0 || tooMany || running}
          onClick={() => start([...selected.keys()], stream)}
        >
          {running ? 'Probing…' : `Probe ${selected.size} camera${selected.size === 1 ? '' : 's'}`}
        </button>
        {tooMany ? <span className="setup-problem">At most {MAX_PER_JOB} cameras in one job.</span> : null}
      </div>
      <Problem text={job.problem} testId="probe-problem" />
      {job.phase !== 'idle' && job.phase !== 'failed' ? (
        <div className="probe-progress" data-testid="probe-progress" data-done={job.done} data-total={job.total} data-phase={job.phase} role="status">
          <progress max={job.total || 1} value={job.done} aria-label="Probe progress" />
          <span>
            {job.done} of {job.total} probed ({probePercent(job)} %){job.phase === 'finished' ? ' — finished' : ''}
          </span>
        </div>
      ) : null}
      {job.results.length > 0 ? (
        <SetupTable testId="probe-results" columns={['Camera', 'Stream', 'Codec', 'Resolution', 'fps', 'Keyframe interval', 'Result']}>
          {job.results.map((result) => {
            const row = describeProbe(result);
            return (
              <tr key={`${result.cameraId}/${result.stream}`} data-testid="probe-result-row" data-camera-id={result.cameraId} data-status={result.status} className={row.ok ? 'probe-ok' : 'probe-bad'}>
                <td>
                  {names.get(result.cameraId) ?? result.cameraId}
                  <span className="camera-place"> {result.cameraId}</span>
                </td>
                <td>{result.stream}</td>
                <td>{row.codec}</td>
                <td>{row.resolution}</td>
                <td>{row.fps}</td>
                <td>{row.keyframeInterval}</td>
                <td>
                  {row.verdict}
                  {row.warnings.length > 0 ? <span className="probe-warnings"> ({row.warnings.join('; ')})</span> : null}
                </td>
              </tr>
            );
          })}
        </SetupTable>
      ) : null}
    </div>
  );
}
