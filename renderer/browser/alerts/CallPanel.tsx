// This operator's call: the box's camera and voice, and the operator's own preview (what the
// person at the box sees).
import type { Alert, CallBoxSummary } from '../../../common/domain/alert.js';
import { CallLocalPreview, CallRemoteAudio, CallRemoteVideo } from '../call/CallMediaViews.js';
import type { CallMedia } from '../media/call-media.js';
import { boxLine, kindLabels, stateLabels } from './alert-words.js';

export function CallPanel({ media, alert, box }: { media: CallMedia; alert: Alert; box: CallBoxSummary | undefined }) {
  return (
    <section className={`call-panel call-${alert.kind}`} aria-label="Call" data-testid="call-panel" data-alert-id={alert.id} data-state={alert.state}>
      <h2>
        {stateLabels[alert.state]} — {kindLabels[alert.kind]} · {boxLine(alert, box)}
      </h2>
      <div className="call-videos">
        <CallRemoteVideo media={media} label={alert.state === 'on_hold' ? 'On hold' : 'Waiting for the box’s camera…'} />
        <CallLocalPreview media={media} failedLabel="Your camera is unavailable" />
      </div>
      <CallRemoteAudio media={media} unblockLabel="Click to hear the caller" />
    </section>
  );
}
