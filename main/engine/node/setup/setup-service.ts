// The installer's tools behind the protocol's setup.* methods: one camera-probe job at a time per
// engine (its progress pushed to whoever started it), ONVIF discovery, and ONVIF profile lookup.
import type { ProbeResult } from '../../../../common/domain/camera-probe.js';
import type { StreamKind } from '../../../../common/domain/camera.js';
import type { OnvifDevice, OnvifProfiles } from '../../../../common/domain/onvif.js';
import { JharokhaError } from '../../../../common/errors.js';
import { createLogger } from '../../../../common/logger.js';
import type { CameraRepo } from '../store/camera-repo.js';
import { probeCamera, type ProbeTuning } from './camera-probe.js';
import { discoverOnvif, onvifProfiles, type DiscoveryOptions } from './onvif.js';
import { DEFAULT_PROBE_CONCURRENCY, ProbeBatch, type ProbeProgress } from './probe-batch.js';

const log = createLogger('setup');

export interface ProbeProgressEvent extends ProbeProgress {
  result?: ProbeResult;
  finished: boolean;
}

export interface SetupServiceOptions {
  probe?: ProbeTuning & { concurrency?: number };
  /** Where discovery probes go (interfaces, group); tests keep it on loopback. */
  discovery?: Omit<DiscoveryOptions, 'timeoutMs' | 'signal'>;
}

export class SetupService {
  private job: ProbeBatch<string> | undefined;

  constructor(
    private readonly cameras: CameraRepo,
    private readonly options: SetupServiceOptions = {},
  ) {}

  /**
   * Starts probing; `report` hears each result and then a final event with finished: true.
   * Refused while another probe job runs (the probes would compete for the same uplink).
   * Aborting \`until\` (the asking socket closed) cancels the job: its results could reach no one,
   * it is kept nowhere, and it would hold the one job slot and the uplink for nothing.
   */
  startProbe(
    cameraIds: readonly string[],
    stream: StreamKind,
    report: (event: ProbeProgressEvent) => void,
    until?: AbortSignal,
  ): { jobId: string } {
    if (until?.aborted) throw new JharokhaError('InvalidState', 'the connection that asked has closed');
    if (this.job?.isRunning) {
      const { done, total } = this.job.progress;
      throw new JharokhaError('Conflict', `a probe job is already running (${done} of ${total} done)`);
    }
    const ids = [...new Set(cameraIds)];
    const unknown = ids.filter((id) => !this.cameras.get(id));
    if (unknown.length > 0) throw new JharokhaError('NotFound', `no camera ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ' …' : ''}`);
    const { concurrency, ...tuning } = this.options.probe ?? {};
    const job = ProbeBatch.start(
      ids,
      (id, signal) => probeCamera(this.cameras, id, stream, { ...tuning, signal }),
      concurrency ?? DEFAULT_PROBE_CONCURRENCY,
    );
    this.job = job;
    if (until) {
      const cancel = (): void => {
        log.info(`probe job ${job.jobId}: the installer's connection closed; cancelling (${job.progress.done} of ${job.progress.total} done)`);
        job.cancel();
      };
      until.addEventListener('abort', cancel, { once: true });
      void job.finished.then(() => until.removeEventListener('abort', cancel));
    }
    job.on('result', (progress, result) => report({ ...progress, result, finished: false }));
    job.on('finished', (progress) => {
      const cut = until?.aborted ? ' before it was cancelled' : '';
      log.info(`probe job ${progress.jobId}: ${progress.done} of ${progress.total} cameras probed${cut}`);
      report({ ...progress, finished: true });
    });
    return { jobId: job.jobId };
  }

  discoverOnvif(timeoutMs: number): Promise<OnvifDevice[]> {
    return discoverOnvif({ ...this.options.discovery, timeoutMs });
  }

  onvifProfiles(address: string, username: string, password: string): Promise<OnvifProfiles> {
    return onvifProfiles({ address, username, password });
  }

  /** Cuts a running probe job short (engine shutdown). */
  close(): void {
    this.job?.cancel();
  }
}
