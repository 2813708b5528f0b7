// During a call: the operator's face, large, their voice, and a small picture of what the box's
// own camera sends.
import { CallLocalPreview, CallRemoteAudio, CallRemoteVideo } from '../call/CallMediaViews.js';
import type { CallMedia } from '../media/call-media.js';

export function KioskCallView({ media }: { media: CallMedia }) {
  return (
    <div className="kiosk-call">
      <CallRemoteVideo media={media} label="Connecting the operator's video… / ऑपरेटर का वीडियो जुड़ रहा है…" />
      <CallLocalPreview media={media} failedLabel="Camera unavailable / कैमरा उपलब्ध नहीं" />
      <CallRemoteAudio media={media} unblockLabel="Tap to hear the operator / ऑपरेटर को सुनने के लिए छुएँ" />
    </div>
  );
}
