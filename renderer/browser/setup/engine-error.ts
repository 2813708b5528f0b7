// The engine's own words for a failed request, shown next to what caused it.
import { EngineUnavailableError } from '../engine-client.js';

export function engineErrorText(error: unknown): string {
  if (error instanceof EngineUnavailableError) return 'Not connected to the engine: nothing was changed. Try again when the connection is back.';
  return error instanceof Error ? error.message : String(error);
}
