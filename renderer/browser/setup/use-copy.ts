// Copies text for the installer to paste elsewhere. It remembers which text was copied last, so
// only that one button says "Copied"; where the page may not use the clipboard, nothing happens.
import { useCallback, useState } from 'react';

export interface Copier {
  /** Which text was copied last (the name given to copy), or null. */
  copied: string | null;
  copy(what: string, text: string): void;
  forget(): void;
}

export function useCopy(): Copier {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = useCallback((what: string, text: string) => {
    void navigator.clipboard?.writeText(text).then(
      () => setCopied(what),
      () => setCopied(null),
    );
  }, []);
  const forget = useCallback(() => setCopied(null), []);
  return { copied, copy, forget };
}
