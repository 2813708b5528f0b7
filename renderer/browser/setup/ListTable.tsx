// A list the installer works on (use-setup-list.ts) as a table: why it could not be loaded (test
// id: the table's, then "-problem", as a field's problem), and once it is, a caption over its rows.
import type { ReactNode } from 'react';
import { Problem } from './Problem.js';
import { SetupTable, type SetupTableProps } from './SetupTable.js';
import type { SetupList } from './use-setup-list.js';

export interface ListTableProps<T> extends Omit<SetupTableProps, 'caption' | 'children'> {
  list: SetupList<T>;
  testId: string;
  caption: (items: readonly T[]) => string;
  row: (item: T) => ReactNode;
}

export function ListTable<T>({ list, testId, caption, row, ...table }: ListTableProps<T>) {
  return (
    <>
      <Problem text={list.problem} testId={`${testId}-problem`} />
      {list.items ? (
        <SetupTable {...table} testId={testId} caption={caption(list.items)}>
          {list.items.map(row)}
        </SetupTable>
      ) : null}
    </>
  );
}
