// Where a file names another module, for the rules that follow imports: static and dynamic
// import, `export ... from`, require, `import x = require` and `typeof import(...)`.

/** The node holding the module name, for each node type that can name a module. */
const NAME_NODE = {
  ImportDeclaration: (node) => node.source,
  ExportNamedDeclaration: (node) => node.source,
  ExportAllDeclaration: (node) => node.source,
  ImportExpression: (node) => node.source,
  TSImportType: (node) => node.argument,
  TSExternalModuleReference: (node) => node.expression,
  CallExpression: (node) =>
    node.callee.type === 'Identifier' && node.callee.name === 'require' ? node.arguments[0] : null,
};

/** The module name a name node spells, or null when it is computed (it cannot be followed statically). */
export function specifierOf(node) {
  if (!node) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  if (node.type === 'TSLiteralType') return specifierOf(node.literal);
  return null;
}

/** An ESLint visitor that calls `visit(nameNode)` for every module name in the file. */
export function moduleNameVisitor(visit) {
  const visitor = {};
  for (const [type, nameNodeOf] of Object.entries(NAME_NODE)) {
    visitor[type] = (node) => {
      const nameNode = nameNodeOf(node);
      if (nameNode) visit(nameNode);
    };
  }
  return visitor;
}

/** The module names of a parsed file, walking its tree with the parser's visitor keys. */
export function moduleNamesOf(ast, visitorKeys) {
  const names = [];
  const visitor = moduleNameVisitor((nameNode) => {
    const spec = specifierOf(nameNode);
    if (spec !== null) names.push(spec);
  });
  const walk = (node) => {
    visitor[node.type]?.(node);
    for (const key of visitorKeys[node.type] ?? []) {
      const child = node[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof item.type === 'string') walk(item);
      }
    }
  };
  walk(ast);
  return names;
}
