// A stand-in renderer bundle for the engine to serve: the page, its script and the script's map.
import fs from 'node:fs';
import path from 'node:path';

export function writeBundle(dir: string): string {
  const root = path.join(dir, 'renderer');
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Jharokha</title><script type="module" src="/app.js"></script>');
  fs.writeFileSync(path.join(root, 'app.js'), 'console.info("app");\n//# sourceMappingURL=app.js.map\n');
  fs.writeFileSync(path.join(root, 'app.js.map'), '{"version":3,"sources":["../../renderer/browser/main.tsx"],"mappings":""}');
  return root;
}
