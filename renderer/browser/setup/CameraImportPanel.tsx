// Section 1: the camera inventory from a CSV file (or pasted text). A dry run comes first and
// says what would change and which rows are bad; only then can the installer import.
import { useEffect, useRef, useState } from 'react';
import type { CameraImportReport } from '../../../common/protocol/setup-http.js';
import { uploadCsv, type CsvUpload } from './upload-csv.js';
import { ImportReportView } from './ImportReportView.js';
import { Problem } from './Problem.js';

type Source = { kind: 'none' } | { kind: 'file'; file: File } | { kind: 'text'; text: string };

type Busy = { dryRun: boolean; sent: number; total: number } | null;

export interface CameraImportPanelProps {
  /** The login token in force (null: logged out), read when a button is pressed. */
  loginToken: () => string | null;
  ready: boolean;
}

export function CameraImportPanel({ loginToken, ready }: CameraImportPanelProps) {
  const [source, setSource] = useState<Source>({ kind: 'none' });
  const [pasted, setPasted] = useState('');
  /** Bumped whenever the source changes: a dry run counts only for the version it checked. */
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState<Busy>(null);
  const [report, setReport] = useState<{ version: number; report: CameraImportReport } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const upload = useRef<CsvUpload | null>(null);

  useEffect(() => () => upload.current?.abort(), []);

  const changeSource = (next: Source): void => {
    setSource(next);
    setVersion((v) => v + 1);
    setProblem(null);
  };

  const send = async (dryRun: boolean): Promise<void> => {
    if (source.kind === 'none' || busy) return;
    const token = loginToken();
    if (!token) {
      setProblem('You are not logged in any more: log in again, then repeat this.');
      return;
    }
    const forVersion = version;
    const body = source.kind === 'file' ? source.file : source.text;
    setProblem(null);
    setBusy({ dryRun, sent: 0, total: typeof body === 'string' ? body.length : body.size });
    const current = uploadCsv({ body, dryRun, token, onProgress: (sent, total) => setBusy({ dryRun, sent, total }) });
    upload.current = current;
    const outcome = await current.done;
    if (upload.current !== current) return;
    upload.current = null;
    setBusy(null);
    if (outcome.kind === 'report') setReport({ version: forVersion, report: outcome.report });
    else setProblem(outcome.message);
  };

  const checked = report !== null && report.version === version && report.report.dryRun ? report.report : null;
  const imported = report !== null && report.version === version && !report.report.dryRun;
  const changes = checked ? checked.inserted + checked.updated : 0;
  const uploading = busy !== null && busy.sent < busy.total;

  return (
    <div className="setup-panel-body">
      <p className="setup-hint">
        Columns: id, name, place, category, lat, lon, main_url, sub_url, username, password, onvif_url, transport, allow_basic_auth
        (the first line is the header). Credentials written in a URL are moved into the sealed username and password. Re-importing
        the same file changes nothing.
      </p>
      <div className="csv-source">
        <label>
          CSV file
          <input
            ref={fileInput}
            type="file"
            accept=".csv,text/csv,text/plain"
            data-testid="csv-file"
            disabled={busy !== null}
            onChange={(event) => {
              const file = event.target.files?.[0];
              setPasted('');
              changeSource(file ? { kind: 'file', file } : { kind: 'none' });
            }}
          />
        </label>
        <label>
          …or paste the CSV text
          <textarea
            data-testid="csv-text"
            rows={6}
            spellCheck={false}
            value={pasted}
            disabled={busy !== null}
            placeholder="id,name,place,category,lat,lon,main_url"
            onChange={(event) => {
              const text = event.target.value;
              setPasted(text);
              if (fileInput.current) fileInput.current.value = '';
              changeSource(text.trim() ? { kind: 'text', text } : { kind: 'none' });
            }}
          />
        </label>
      </div>
      <div className="setup-buttons">
        <button type="button" data-testid="csv-dry-run" disabled={!ready || source.kind === 'none' || busy !== null} onClick={() => void send(true)}>
          Dry run
        </button>
        <button
          type="button"
          className="primary"
          data-testid="csv-import"
          disabled={!ready || checked === null || changes === 0 || busy !== null}
          title={checked === null ? 'Do a dry run of this file first' : changes === 0 ? 'The dry run found nothing to add or change' : undefined}
          onClick={() => void send(false)}
        >
          {imported ? 'Imported' : checked ? `Import ${changes} camera${changes === 1 ? '' : 's'}` : 'Import'}
        </button>
        {busy ? (
          <span className="csv-busy" data-testid="csv-busy" role="status">
            <progress max={busy.total || 1} value={busy.sent} aria-label="Upload progress" />
            {uploading
              ? ` Uploading… ${Math.floor((100 * busy.sent) / (busy.total || 1))} %`
              : busy.dryRun
                ? ' Checking every row…'
                : ' Importing…'}
          </span>
        ) : null}
      </div>
      <Problem text={problem} testId="csv-problem" />
      {report && report.version === version ? <ImportReportView report={report.report} /> : null}
    </div>
  );
}
