// Where a wall's displays go, as /setup hands it out: the displays.json text must read back through
// the Electron shell's own schema as the wall display it names, and lead the shell to the page the
// setup page shows; the wall form's fields become the engine's request, and an engine refusal
// lands on the field it names.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WallDefinitionInput } from '../../../common/domain/wall.js';
import { assignDisplays, DisplayConfig } from '../../../main/app/common/display-config.js';
import { pageUrl } from '../../../main/app/common/page-url.js';
import { emptyWallForm, parseDisplayIds, refusalFields, wallFormParams, wallFormValues } from '../../../renderer/browser/setup/wall-form.js';
import {
  defaultDisplayIds,
  displayPosition,
  displaysJsonEntry,
  displaysJsonFile,
  DISPLAYS_FILE_VERSION,
  electronIdPlaceholder,
  wallPagePath,
} from '../../../renderer/browser/setup/wall-mapping.js';

const wall = WallDefinitionInput.parse({ id: 'ops', name: 'Operations', columns: 2, rows: 2, display: { widthMm: 1210, heightMm: 680, bezelMm: 2 } });

/** What an installer does with an entry: paste it inside "displays", with the logged Electron id for the key. */
function pasted(entries: string[]): unknown {
  return JSON.parse(`{ "version": ${DISPLAYS_FILE_VERSION}, "displays": { ${entries.join(',\n')} } }`);
}

describe('wall display mapping for displays.json', () => {
  it('default display ids are 1..n row by row, as the engine gives them', () => {
    assert.deepEqual(defaultDisplayIds(2, 2), ['1', '2', '3', '4']);
    assert.deepEqual(wall.displays, defaultDisplayIds(2, 2));
    assert.deepEqual(defaultDisplayIds(0, 3), []);
  });

  it('an entry, with the Electron id filled in, is read by the shell as that wall display', () => {
    const entry = displaysJsonEntry('ops', '3', '2779098405');
    assert.equal(entry, '"2779098405": {"role":"wall","wallId":"ops","displayId":"3"}');
    const config = DisplayConfig.parse(pasted([entry]));
    const assigned = assignDisplays([{ id: 2779098405 }, { id: 1 }], 1, config);
    assert.deepEqual(assigned.get(2779098405), { role: 'wall', wallId: 'ops', displayId: '3' });
  });

  it('the shell opens the same page the setup page shows, with no token in the address (its preload hands it over)', () => {
    for (const displayId of wall.displays) {
      const config = DisplayConfig.parse(pasted([displaysJsonEntry(wall.id, displayId, '7')]));
      const assignment = config.displays['7'];
      assert.ok(assignment && assignment.role === 'wall');
      const url = new URL(pageUrl('http://10.0.0.5:8080', assignment));
      assert.equal(url.pathname, wallPagePath(wall.id, displayId));
      assert.equal(url.search, '');
    }
    assert.equal(wallPagePath('ops', '4'), '/wall/ops/4');
    assert.ok(!wallPagePath('ops', '4').includes('token'));
  });

  it('an entry pasted without replacing the placeholder is refused by the shell, not guessed at', () => {
    const entry = displaysJsonEntry('ops', '1');
    assert.ok(entry.startsWith(JSON.stringify(electronIdPlaceholder('1'))));
    const parsed = DisplayConfig.safeParse(pasted([entry]));
    assert.equal(parsed.success, false);
    assert.match(parsed.error?.issues[0]?.message ?? '', /Electron display ids \(digits\)/);
  });

  it('the whole file for one PC maps every display once, and reads back once its keys are ids', () => {
    const text = displaysJsonFile(wall);
    const json = JSON.parse(text) as { version: number; displays: Record<string, unknown> };
    assert.equal(json.version, DISPLAYS_FILE_VERSION);
    assert.equal(Object.keys(json.displays).length, 4);
    const withIds = { ...json, displays: Object.fromEntries(Object.values(json.displays).map((value, i) => [String(100 + i), value])) };
    const config = DisplayConfig.parse(withIds);
    const assigned = assignDisplays([100, 101, 102, 103].map((id) => ({ id })), 100, config);
    assert.deepEqual(
      [...assigned.values()].map((a) => (a.role === 'wall' ? `${a.wallId}/${a.displayId}` : a.role)),
      ['ops/1', 'ops/2', 'ops/3', 'ops/4'],
    );
  });

  it('positions count rows and columns from 1, row by row', () => {
    const custom = WallDefinitionInput.parse({ ...wall, columns: 3, rows: 2, displays: ['a', 'b', 'c', 'd', 'e', 'f'] });
    assert.deepEqual(displayPosition(custom, 'a'), { row: 1, column: 1 });
    assert.deepEqual(displayPosition(custom, 'c'), { row: 1, column: 3 });
    assert.deepEqual(displayPosition(custom, 'e'), { row: 2, column: 2 });
    assert.equal(displayPosition(custom, 'z'), null);
  });
});

describe('wall form', () => {
  const filled = { ...emptyWallForm, id: ' ops ', name: 'Operations', columns: '2', rows: '2', widthMm: '1210', heightMm: '680', bezelMm: '2' };

  it('becomes the engine request, display ids left to the engine when blank', () => {
    const checked = wallFormParams(filled);
    assert.ok(checked.ok);
    assert.deepEqual(checked.params, { id: 'ops', name: 'Operations', columns: 2, rows: 2, display: { widthMm: 1210, heightMm: 680, bezelMm: 2 } });
    assert.deepEqual(WallDefinitionInput.parse(checked.params), wall);
  });

  it('sends out-of-range numbers on for the engine to judge, but not text that is no number', () => {
    const zero = wallFormParams({ ...filled, columns: '0' });
    assert.ok(zero.ok);
    assert.equal(zero.params.columns, 0);
    const bad = wallFormParams({ ...filled, rows: '2.5', widthMm: 'wide', bezelMm: '' });
    assert.deepEqual(bad, { ok: false, errors: { rows: 'a whole number', widthMm: 'a whole number', bezelMm: 'required' } });
  });

  it('reads display ids separated by commas or spaces', () => {
    assert.deepEqual(parseDisplayIds(' left, right  centre,,'), ['left', 'right', 'centre']);
    const checked = wallFormParams({ ...filled, columns: '3', rows: '1', displays: 'left, centre right' });
    assert.ok(checked.ok);
    assert.deepEqual(checked.params.displays, ['left', 'centre', 'right']);
  });

  it('a saved wall fills the form back, default ids blank and others listed', () => {
    assert.deepEqual(wallFormValues(wall), { ...filled, id: 'ops' });
    const custom = WallDefinitionInput.parse({ ...wall, columns: 2, rows: 1, displays: ['left', 'right'] });
    assert.equal(wallFormValues(custom).displays, 'left, right');
  });

  it('a refusal, worded by the engine or by the page\'s engine client, is put on the fields it names', () => {
    assert.deepEqual(refusalFields('setup.saveWall: columns: Number must be greater than or equal to 1'), {
      columns: 'Number must be greater than or equal to 1',
    });
    assert.deepEqual(refusalFields('setup.saveWall: invalid params: columns: Number must be greater than or equal to 1; display.widthMm: Number must be greater than 0'), {
      columns: 'Number must be greater than or equal to 1',
      widthMm: 'Number must be greater than 0',
    });
    assert.deepEqual(refusalFields('setup.saveWall: invalid params: displays: a 2×2 wall has 4 displays'), { displays: 'a 2×2 wall has 4 displays' });
    assert.deepEqual(refusalFields('setup.saveWall: displays.1: Invalid'), { displays: 'Invalid' });
    assert.deepEqual(refusalFields('setup.saveWall: display: Required'), {});
    assert.deepEqual(refusalFields('this role may not do setup.saveWall'), {});
  });
});
