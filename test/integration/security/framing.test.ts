// Clickjacking: another site puts /console in an invisible frame and has the operator click
// through it. Every page says no frame may hold it, and the policy allows no inline script and a
// socket only to the engine itself.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINE_PAGE_CSP } from '../../../common/page-security.js';
import { SiteEngine } from '../../../main/engine/node/site-engine.js';
import { TestScratch } from '../../support/test-scratch.js';
import { writeBundle } from './static-bundle.js';

describe('page headers', () => {
  const scratch = new TestScratch('jharokha-framing-');
  let engine: SiteEngine;

  before(async () => {
    engine = await SiteEngine.create({ dataDir: scratch.dataDir, port: 0, demo: false, staticDir: writeBundle(scratch.dataDir) });
  });

  after(async () => {
    await engine?.close();
    scratch.removeDataDir();
  });

  it('another site cannot frame the console', async () => {
    for (const page of ['/', '/console', '/setup', '/wall/main/1', '/callbox/box-1', '/app.js', '/missing']) {
      const response = await fetch(`${engine.baseUrl}${page}`);
      await response.arrayBuffer();
      assert.equal(response.headers.get('x-frame-options'), 'DENY', page);
      const csp = response.headers.get('content-security-policy') ?? '';
      assert.equal(csp, ENGINE_PAGE_CSP, page);
      assert.match(csp, /frame-ancestors 'none'/);
    }
  });

  it('the policy that applies is the strict one: no inline script, the socket only to the engine', () => {
    const directives = new Map(ENGINE_PAGE_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.deepEqual(directives.get('script-src'), ["'self'"]);
    assert.deepEqual(directives.get('connect-src'), ["'self'"]);
    assert.deepEqual(directives.get('object-src'), ["'none'"]);
    assert.doesNotMatch(ENGINE_PAGE_CSP, /unsafe-|\bws:|\bwss:|\*/);
  });
});
