export function pinnedMediasoupVersion(): string;
export function mediasoupWorkerPath(): string;
export function patchMesonForSystemLibs(workerDir: string): void;
export function buildMediasoupWorker(): string;
