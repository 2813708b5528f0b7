// The import's answer: the counts, then every bad row with its line and why. A city's file may
// have thousands of bad rows; the first ones are shown at once and the rest on request.
import { useState } from 'react';
import type { CameraImportReport } from '../../../common/protocol/setup-http.js';
import { importCounts, importHeadline } from './import-report.js';
import { SetupTable } from './SetupTable.js';

const FIRST_SHOWN = 500;

export function ImportReportView({ report }: { report: CameraImportReport }) {
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? report.errors : report.errors.slice(0, FIRST_SHOWN);
  return (
    <div className="import-report" data-testid="csv-report" data-dry-run={report.dryRun}>
      <p className="import-headline" data-testid="csv-headline">
        {importHeadline(report)}
      </p>
      <dl className="import-counts">
        {importCounts(report).map((count) => (
          <div key={count.key} className={`import-count import-count-${count.key}`} data-testid={`csv-count-${count.key}`} data-value={count.value}>
            <dt>{count.label}</dt>
            <dd>{count.value}</dd>
          </div>
        ))}
      </dl>
      {report.errors.length > 0 ? (
        <SetupTable
          testId="csv-errors"
          caption={`Bad rows${report.dryRun ? ' (fix them in the file, or import the good rows without them)' : ' (left out)'}`}
          columns={['Line', 'Camera id', 'Why']}
        >
          {shown.map((error) => (
            <tr key={error.line} data-testid="csv-error-row" data-line={error.line}>
              <td>{error.line}</td>
              <td>{error.id ?? '—'}</td>
              <td>{error.reason}</td>
            </tr>
          ))}
        </SetupTable>
      ) : null}
      {shown.length < report.errors.length ? (
        <button type="button" data-testid="csv-errors-all" onClick={() => setShowAll(true)}>
          Show all {report.errors.length} bad rows
        </button>
      ) : null}
    </div>
  );
}
