// A failure shown where it happened, read out by screen readers as it appears.
export function Problem({ text, testId }: { text: string | null | undefined; testId: string }) {
  if (!text) return null;
  return (
    <p className="setup-problem" role="alert" data-testid={testId}>
      {text}
    </p>
  );
}
