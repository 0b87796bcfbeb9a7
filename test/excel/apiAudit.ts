/**
 * Which Excel API members a set of source files uses, with the requirement set of each, read
 * from the TypeScript types: the type checker resolves every property access and call to its
 * declaration in @types/office-js, whose JSDoc says `[Api set: ExcelApi 1.x]`. A use counts as
 * gated when it sits (lexically) in the then-branch of an `if` whose condition calls
 * `isSetSupported('ExcelApi', 'v')` with v at least the member's set.
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { apiAtLeast } from './FakeExcel';

export interface MemberUse {
  /** `Class.member`, e.g. `NoteCollection.add`. */
  member: string;
  /** The member's ExcelApi set, e.g. `1.18`. */
  set: string;
  /** `file:line`. */
  at: string;
  /** The set the enclosing `isSetSupported` checks, if any. */
  gate?: string;
}

const API_SET = /\[Api set: ExcelApi (\d+\.\d+)/;

function apiSetOf(decl: ts.Declaration): string | undefined {
  const sf = decl.getSourceFile();
  for (const doc of ts.getJSDocCommentsAndTags(decl)) {
    const m = API_SET.exec(sf.text.slice(doc.pos, doc.end));
    if (m) return m[1];
  }
  return undefined;
}

/** The name of the Excel class (or interface) a declaration belongs to, if it is in `namespace Excel`. */
function excelOwner(decl: ts.Declaration): string | undefined {
  const owner = decl.parent;
  if (!owner || !(ts.isClassDeclaration(owner) || ts.isInterfaceDeclaration(owner)) || !owner.name)
    return undefined;
  let ns: ts.Node | undefined = owner.parent;
  while (ns && !ts.isModuleDeclaration(ns)) ns = ns.parent;
  return ns && ts.isModuleDeclaration(ns) && ns.name.text === 'Excel' ? owner.name.text : undefined;
}

function gateOf(node: ts.Node): string | undefined {
  let best: string | undefined;
  for (let child = node, p = node.parent; p; child = p, p = p.parent) {
    if (ts.isIfStatement(p) && p.thenStatement === child) {
      const m = /isSetSupported\(\s*['"]ExcelApi['"]\s*,\s*['"](\d+\.\d+)['"]\s*\)/.exec(
        p.expression.getText(),
      );
      if (m && (!best || apiAtLeast(m[1]!, best))) best = m[1];
    }
  }
  return best;
}

/** Every use of an Excel member in `files` (with `extraFiles` as in-memory sources for tests). */
export function excelMemberUses(
  files: readonly string[],
  extraFiles: Record<string, string> = {},
): MemberUse[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    types: ['office-js', 'node'],
    noEmit: true,
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (f) => extraFiles[f] ?? read(f);
  const exists = host.fileExists.bind(host);
  host.fileExists = (f) => f in extraFiles || exists(f);
  const program = ts.createProgram([...files, ...Object.keys(extraFiles)], options, host);
  const checker = program.getTypeChecker();
  const uses: MemberUse[] = [];
  for (const file of [...files, ...Object.keys(extraFiles)]) {
    const sf = program.getSourceFile(file);
    if (!sf) throw new Error(`not in the program: ${file}`);
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        const symbol = checker.getSymbolAtLocation(node.name);
        const decls = symbol?.declarations ?? [];
        let set: string | undefined;
        let owner: string | undefined;
        for (const d of decls) {
          const o = excelOwner(d);
          const s = o ? apiSetOf(d) : undefined;
          if (o && s && (!set || apiAtLeast(s, set))) [set, owner] = [s, o];
        }
        if (set && owner) {
          const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
          const gate = gateOf(node);
          uses.push({
            member: `${owner}.${node.name.text}`,
            set,
            at: `${file}:${line}`,
            ...(gate ? { gate } : {}),
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return uses;
}

/** The ExcelApi minimum the manifest declares. */
export function manifestMinimum(manifestPath: string): string {
  const xml = readFileSync(manifestPath, 'utf8');
  const m = /<Set\s+Name="ExcelApi"\s+MinVersion="(\d+\.\d+)"/.exec(xml);
  if (!m) throw new Error('manifest.xml declares no ExcelApi minimum');
  return m[1]!;
}

/** Uses above the minimum that no `isSetSupported` branch covers. */
export function ungated(uses: readonly MemberUse[], minimum: string): MemberUse[] {
  return uses.filter((u) => !apiAtLeast(minimum, u.set) && !(u.gate && apiAtLeast(u.gate, u.set)));
}
