// `layers/no-import-cycle` on a fixture tree written to a temporary folder: the graph is read from
// disk, the file being linted counts as its code is now, and each loop is reported once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { RuleTester, type Rule } from 'eslint';
import tseslint from 'typescript-eslint';
import layers from '../../../eslint/layers.js';

const rule = layers.rules['no-import-cycle'] as unknown as Rule.RuleModule;

RuleTester.describe = describe;
RuleTester.it = it;
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });

// One fixture tree for all cases: its loops share no file, so each case sees only its own.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'import-cycle-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));
const tree: Record<string, string> = {
  // Two files importing each other.
  'common/a.ts': "import { b } from './b.js';\nexport const a = b;\n",
  'common/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
  // Types only.
  'main/api/handlers.ts': "import type { Wall } from './walls.js';\nexport type H = Wall;\n",
  'main/api/walls.ts': "import type { H } from './handlers.js';\nexport type Wall = H[];\n",
  // Three folders, by export-from, a side-effect import and a dynamic import.
  'renderer/media/watch.ts': "export { state } from '../tiles/state.js';\n",
  'renderer/tiles/state.ts': "import '../grid/grid.js';\nexport const state = 1;\n",
  'renderer/grid/grid.ts': "const watch = await import('../media/watch.js');\nexport { watch };\n",
  // Two loops through a.ts.
  'sfu/a.ts': "import './b.js';\nimport './c.js';\n",
  'sfu/b.ts': "import './a.js';\n",
  'sfu/c.ts': "import './a.js';\n",
  // Specifiers without extension, a folder's index, .tsx and require.
  'main/app/start.ts': "import { host } from './host';\nexport const start = host;\n",
  'main/app/host/index.ts': "const shell = require('../shell.tsx');\nexport const host = shell;\n",
  'main/app/shell.tsx': "import type { start } from './start.js';\nexport type Start = typeof start;\n",
  // One way only, with packages and builtins; and a loop outside product code.
  'sim/server.ts': "import { clip } from './clip.js';\nimport net from 'node:net';\nexport const s = clip;\n",
  'sim/clip.ts': "import { z } from 'zod';\nexport const clip = z;\n",
  'test/x.test.ts': "import './y.js';\n",
  'test/y.ts': "import './x.test.js';\n",
  // A file importing itself.
  'native/locate.mjs': "import './locate.mjs';\n",
};
for (const [file, code] of Object.entries(tree)) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), code);
}

// `file` of the tree, linted as it is on disk unless `code` says otherwise.
const lint = (file: string, code?: string): { filename: string; code: string; options: unknown[] } => ({
  filename: path.join(root, file),
  code: code ?? fs.readFileSync(path.join(root, file), 'utf8'),
  options: [{ root }],
});
const ok = (name: string, file: string, code?: string): RuleTester.ValidTestCase => ({ name, ...lint(file, code) });
// The loop as the message names it, from the linted file (which closes it) back to that file.
const loop = (name: string, files: string, code?: string): RuleTester.InvalidTestCase => ({
  name,
  ...lint(files.slice(0, files.indexOf(' → ')), code),
  errors: [{ messageId: 'cycle', data: { loop: files } }],
});

describe('product code has no import cycle, each loop reported once at the import that closes it', () => {
  tester.run('no-import-cycle', rule, {
    valid: [
      ok('the loop is reported at the import that closes it, not at the others', 'common/a.ts'),
      ok('imports that go one way, and packages, make no loop', 'sim/server.ts'),
      ok('files outside product code are not checked', 'test/y.ts'),
      ok('a loop is reported in no other file of it', 'renderer/media/watch.ts'),
      ok('an import removed in the editor ends the loop', 'common/b.ts', 'export const b = 1;\n'),
    ],
    invalid: [
      {
        name: 'the message names the whole loop, starting at the file that closes it',
        ...lint('common/b.ts'),
        errors: [
          {
            message:
              'import cycle: common/b.ts → common/a.ts → common/b.ts (product code has no import cycles, type-only imports included: no file of a loop can be read, tested or loaded without the others; move what they share into a module they all import)',
            line: 1,
          },
        ],
      },
      loop('type-only imports count', 'main/api/walls.ts → main/api/handlers.ts → main/api/walls.ts'),
      loop(
        'a loop through three folders, by export-from and dynamic import, is named whole',
        'renderer/tiles/state.ts → renderer/grid/grid.ts → renderer/media/watch.ts → renderer/tiles/state.ts',
      ),
      loop(
        'extensionless, folder index, .tsx and require specifiers are followed',
        'main/app/start.ts → main/app/host/index.ts → main/app/shell.tsx → main/app/start.ts',
      ),
      loop('two loops through one file: the first is reported once', 'sfu/b.ts → sfu/a.ts → sfu/b.ts'),
      loop('two loops through one file: the second is reported once', 'sfu/c.ts → sfu/a.ts → sfu/c.ts'),
      loop('a file importing itself is a loop', 'native/locate.mjs → native/locate.mjs'),
      loop(
        'an import added in the editor that closes a loop is reported in that file',
        'sim/clip.ts → sim/server.ts → sim/clip.ts',
        "import './server.js';\nexport const clip = 1;\n",
      ),
    ],
  });
});
