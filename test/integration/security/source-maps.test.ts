// The bundle's source map is the readable source of every page: a production engine never serves
// it, even when a debugging build left one in the bundle directory.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { SiteEngine } from '../../../main/engine/node/site-engine.js';
import { TestScratch } from '../../support/test-scratch.js';
import { writeBundle } from './static-bundle.js';

describe('source maps', () => {
  const scratch = new TestScratch('jharokha-maps-');
  const engines: SiteEngine[] = [];
  const start = async (devSourceMaps: boolean): Promise<SiteEngine> => {
    const engine = await SiteEngine.create({ dataDir: scratch.dataDir, port: 0, demo: false, staticDir: writeBundle(scratch.dataDir), devSourceMaps });
    engines.push(engine);
    return engine;
  };

  after(async () => {
    for (const engine of engines) await engine.close();
    scratch.removeDataDir();
  });

  it('source maps are not served', async () => {
    const engine = await start(false);
    const map = await fetch(`${engine.baseUrl}/app.js.map`);
    assert.equal(map.status, 404);
    assert.doesNotMatch(await map.text(), /renderer\/browser/);
    assert.equal((await fetch(`${engine.baseUrl}/app.js`)).status, 200, 'the script itself still is');
    await engine.close();
  });

  it('an engine started with --dev-source-maps serves them for debugging', async () => {
    const engine = await start(true);
    const map = await fetch(`${engine.baseUrl}/app.js.map`);
    assert.equal(map.status, 200);
    assert.equal(map.headers.get('content-type'), 'application/json');
    assert.match(await map.text(), /"version":3/);
  });
});
