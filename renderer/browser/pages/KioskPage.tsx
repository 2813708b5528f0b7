// A call box's screen: two big buttons, what is happening in English and Hindi, and during a call
// the operator's face and voice. Runs unattended for months; everything recovers by itself.
import type { EngineClient } from '../engine-client.js';
import { KioskButtons } from '../kiosk/KioskButtons.js';
import { KioskCallView } from '../kiosk/KioskCallView.js';
import { KioskStatus } from '../kiosk/KioskStatus.js';
import type { PressSender } from '../kiosk/press-sender.js';
import { useKiosk } from '../kiosk/use-kiosk.js';
import type { CallMedia } from '../media/call-media.js';

export interface KioskPageProps {
  client: EngineClient;
  sender: PressSender;
  media: CallMedia;
  boxId: string;
}

export function KioskPage({ client, sender, media, boxId }: KioskPageProps) {
  const kiosk = useKiosk(client, sender, media, boxId);
  const inCall = kiosk.state === 'answered' || kiosk.state === 'on_hold';
  return (
    <div className={`kiosk-page kiosk-${kiosk.state}`} data-testid="kiosk" data-box-id={boxId}>
      <header className="kiosk-header">
        <span className="kiosk-box-name">{kiosk.box ? kiosk.box.name : boxId}</span>
        {kiosk.box?.place ? <span className="kiosk-box-place">{kiosk.box.place}</span> : null}
      </header>
      <KioskStatus state={kiosk.state} pending={kiosk.pending} connected={kiosk.connected} refused={kiosk.refused} />
      {inCall ? <KioskCallView media={media} /> : null}
      <KioskButtons onPress={kiosk.press} inCall={inCall} pressed={kiosk.pressed} />
    </div>
  );
}
