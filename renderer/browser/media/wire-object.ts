// mediasoup's parameter objects are typed as interfaces, which TypeScript will not treat as the
// protocol's Record<string, unknown>. They are plain JSON data, so the view is safe.
export function toWireObject(value: object): Record<string, unknown> {
  return value as Record<string, unknown>;
}
