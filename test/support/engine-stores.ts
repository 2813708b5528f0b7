// The engine's SQLite file opened a second time through the store classes, as an auditor or the
// CLI would open it beside a running engine (WAL lets both connections read and write). Tests seed
// users, boxes and cameras and read the audit log and the alerts here, so they reach the engine
// only through its API.
import { compareAlerts, type Alert } from '../../common/domain/alert.js';
import { AlertStore } from '../../main/engine/node/alerts/alert-store.js';
import { EngineStores } from '../../main/engine/node/store/engine-stores.js';

/** The alert queue's reads, straight from the file. */
export interface AlertReads {
  /** Open alerts in queue order. */
  list(): Alert[];
  get(alertId: string): Alert | undefined;
  /** The box's most urgent open alert. */
  currentForBox(boxId: string): Alert | undefined;
}

export type EngineFile = EngineStores & { alerts: AlertReads };

export async function openEngineFile(dataDir: string): Promise<EngineFile> {
  const stores = await EngineStores.open(dataDir);
  const alerts = new AlertStore(stores.db);
  return Object.assign(stores, {
    alerts: {
      list: () => alerts.open().sort(compareAlerts),
      get: (alertId: string) => alerts.get(alertId),
      currentForBox: (boxId: string) => alerts.openForBox(boxId).sort(compareAlerts)[0],
    },
  });
}
