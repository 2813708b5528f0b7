// One numbered section of the installer's page, with a heading the page's contents link to.
import type { ReactNode } from 'react';

export function SetupSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="setup-section" id={id} aria-labelledby={`${id}-title`} data-testid={`setup-section-${id}`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}
