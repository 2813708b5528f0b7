// A button that copies one text, and says so once it has.
import type { Copier } from './use-copy.js';

export interface CopyButtonProps {
  copier: Copier;
  /** Names this text among those the copier copies. */
  what: string;
  text: string;
  label: string;
  testId: string;
}

export function CopyButton({ copier, what, text, label, testId }: CopyButtonProps) {
  return (
    <button type="button" data-testid={testId} onClick={() => copier.copy(what, text)}>
      {copier.copied === what ? 'Copied' : label}
    </button>
  );
}
