// What a request achieved, said where it was asked for; read out politely (a status, not an
// alert, unlike a Problem). Its data-* attributes name what was done, for whoever waits on it.
export interface DoneProps {
  text: string | null | undefined;
  testId: string;
  [data: `data-${string}`]: string | undefined;
}

export function Done({ text, testId, ...data }: DoneProps) {
  if (!text) return null;
  return (
    <p className="setup-done" role="status" data-testid={testId} {...data}>
      {text}
    </p>
  );
}
