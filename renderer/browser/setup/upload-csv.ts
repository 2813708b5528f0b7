// Sends a camera inventory to the engine's import route. XMLHttpRequest rather than fetch because
// it reports upload progress: an inventory is megabytes, and a site laptop's Wi-Fi is slow.
import { importPath, readImportAnswer, type ImportOutcome } from './import-report.js';

/** Long enough for a 20 MB file over a poor link; an answer that never comes is reported. */
const UPLOAD_TIMEOUT_MS = 5 * 60_000;

export interface CsvUpload {
  done: Promise<ImportOutcome>;
  abort(): void;
}

export function uploadCsv(options: {
  body: Blob | string;
  dryRun: boolean;
  token: string;
  /** Bytes sent so far; `sent === total` means the engine is now checking the rows. */
  onProgress?: (sent: number, total: number) => void;
}): CsvUpload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<ImportOutcome>((resolve) => {
    xhr.open('POST', importPath(options.dryRun));
    xhr.timeout = UPLOAD_TIMEOUT_MS;
    xhr.setRequestHeader('Authorization', `Bearer ${options.token}`);
    xhr.setRequestHeader('Content-Type', 'text/csv; charset=utf-8');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded, event.total);
    };
    xhr.upload.onload = () => {
      const size = typeof options.body === 'string' ? options.body.length : options.body.size;
      options.onProgress?.(size, size);
    };
    xhr.onload = () => resolve(readImportAnswer(xhr.status, xhr.responseText));
    xhr.onerror = () => resolve(readImportAnswer(0, ''));
    xhr.ontimeout = () => resolve({ kind: 'refused', status: 0, message: `No answer from the engine within ${UPLOAD_TIMEOUT_MS / 60_000} minutes. Check the engine's log before trying again.` });
    xhr.onabort = () => resolve({ kind: 'refused', status: 0, message: 'The upload was stopped.' });
    xhr.send(options.body);
  });
  return { done, abort: () => xhr.abort() };
}
