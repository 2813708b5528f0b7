// The installer page's tables: an optional caption (usually how many), a heading per column, then
// the rows. A last column that holds only buttons has no visible heading, so it is named for
// screen readers instead.
import type { ReactNode } from 'react';

export interface SetupTableProps {
  testId?: string;
  caption?: ReactNode;
  columns: readonly string[];
  /** The screen-reader name of a trailing column of buttons, e.g. "Action". */
  buttonsColumn?: string;
  children: ReactNode;
}

export function SetupTable({ testId, caption, columns, buttonsColumn, children }: SetupTableProps) {
  return (
    <table className="setup-table" data-testid={testId}>
      {caption !== undefined ? <caption>{caption}</caption> : null}
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
          {buttonsColumn !== undefined ? <th scope="col" aria-label={buttonsColumn} /> : null}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
