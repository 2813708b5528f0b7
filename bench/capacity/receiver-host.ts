// Child-process entry: the capacity bench's receivers, apart from the servers and the driver so
// that /proc shows their CPU on its own. Batches of viewers (our engine's or Janus's) are opened
// and closed on the parent's word over the IPC channel; every half second every stream's counts go
// back to it. It also starts Janus when asked, so that Janus runs in its network namespace (netns.ts).
// Messages: receiver-process.ts.
import { startJanus, type JanusProcess } from '../janus/process.js';
import { EngineViewers } from './engine-viewers.js';
import { JanusViewers, endJanusSessions } from './janus-viewers.js';
import type { ReceiverCommand, ReceiverReport } from './receiver-process.js';

/** Often enough that a measuring window starts and ends within half a second of when it is asked. */
const REPORT_EVERY_MS = 500;
const batches = new Map<string, EngineViewers | JanusViewers>();
const send = (report: ReceiverReport): void => void process.send?.(report);

async function open(command: Extract<ReceiverCommand, { type: 'open' }>): Promise<void> {
  try {
    const batch = command.engine ? await EngineViewers.open(command.engine) : await JanusViewers.open(command.janus!);
    batches.set(command.id, batch);
    send({ type: 'opened', id: command.id });
  } catch (error) {
    send({ type: 'failed', id: command.id, why: error instanceof Error ? error.message : String(error) });
  }
}

async function close(id: string): Promise<void> {
  const batch = batches.get(id);
  batches.delete(id);
  await batch?.close();
  send({ type: 'closed', id });
}

let janus: JanusProcess | undefined;

async function startJanusHere(id: string): Promise<void> {
  try {
    // Alone in its namespace: ports enough for a thousand viewers and the pulls beside them.
    janus ??= await startJanus({ rtpPorts: [42000, 45999] });
    send({ type: 'janus-started', id, pid: janus.pid, apiUrl: janus.apiUrl });
  } catch (error) {
    send({ type: 'failed', id, why: error instanceof Error ? error.message : String(error) });
  }
}

async function exit(): Promise<void> {
  clearInterval(reporter);
  await Promise.all([...batches.keys()].map((id) => close(id)));
  await endJanusSessions();
  await janus?.close();
  process.exit(0);
}

const reporter = setInterval(() => {
  send({ type: 'counts', at: Date.now(), batches: Object.fromEntries([...batches].map(([id, b]) => [id, b.counts()])) });
}, REPORT_EVERY_MS);

process.on('message', (command: ReceiverCommand) => {
  if (command.type === 'open') void open(command);
  else if (command.type === 'close') void close(command.id);
  else if (command.type === 'janus') void startJanusHere(command.id);
  else if (command.type === 'exit') void exit();
});
process.on('disconnect', () => void exit());
send({ type: 'ready', pid: process.pid });
