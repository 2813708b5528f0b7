// The two buttons, as large as the screen allows. They are never disabled: a second press is
// harmless (the outbox folds it into the first) and a person in danger must never find a dead
// button.
import type { AlertKind } from '../../../common/domain/alert.js';

export function KioskButtons({ onPress, inCall }: { onPress: (kind: AlertKind) => void; inCall: boolean }) {
  return (
    <div className={inCall ? 'kiosk-buttons kiosk-buttons-small' : 'kiosk-buttons'}>
      <button type="button" className="kiosk-button kiosk-emergency" data-testid="kiosk-emergency" onClick={() => onPress('emergency')}>
        <span className="kiosk-button-en">EMERGENCY</span>
        <span className="kiosk-button-hi">आपातकाल</span>
      </button>
      <button type="button" className="kiosk-button kiosk-panic" data-testid="kiosk-panic" onClick={() => onPress('panic')}>
        <span className="kiosk-button-en">PANIC</span>
        <span className="kiosk-button-hi">पैनिक · महिला सहायता</span>
      </button>
    </div>
  );
}
