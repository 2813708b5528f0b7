// The two buttons, as large as the screen allows. They are never disabled: a second press is
// harmless (the engine joins it to the box's open call) and a person in danger must never find a
// dead button. The pressed one says so, so nobody presses on thinking nothing happened.
import type { AlertKind } from '../../../common/domain/alert.js';
import { pressedWords } from './kiosk-call.js';

export interface KioskButtonsProps {
  onPress: (kind: AlertKind) => void;
  inCall: boolean;
  /** The kind of the call open or being sent (kiosk-call.ts pressedKind), or null. */
  pressed: AlertKind | null;
}

export function KioskButtons({ onPress, inCall, pressed }: KioskButtonsProps) {
  return (
    <div className={inCall ? 'kiosk-buttons kiosk-buttons-small' : 'kiosk-buttons'}>
      <KioskButton kind="emergency" en="EMERGENCY" hi="आपातकाल" pressed={pressed === 'emergency'} onPress={onPress} />
      <KioskButton kind="panic" en="PANIC" hi="पैनिक · महिला सहायता" pressed={pressed === 'panic'} onPress={onPress} />
    </div>
  );
}

function KioskButton(props: { kind: AlertKind; en: string; hi: string; pressed: boolean; onPress: (kind: AlertKind) => void }) {
  const { kind, en, hi, pressed, onPress } = props;
  return (
    <button
      type="button"
      className={`kiosk-button kiosk-${kind}${pressed ? ' kiosk-button-pressed' : ''}`}
      data-testid={`kiosk-${kind}`}
      data-pressed={pressed}
      aria-pressed={pressed}
      onClick={() => onPress(kind)}
    >
      <span className="kiosk-button-en">{en}</span>
      <span className="kiosk-button-hi">{hi}</span>
      {pressed ? (
        <span className="kiosk-button-pressed-words">
          {pressedWords.en} · <span lang="hi">{pressedWords.hi}</span>
        </span>
      ) : null}
    </button>
  );
}
