import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * Offline checks of the add-in-only manifest, since Microsoft's validator posts the file to an
 * online service. Element order and limits follow the manifest reference (learn.microsoft.com,
 * "Office Add-ins XML manifest": OfficeApp child order, 125-character short strings and display
 * name, 250-character long strings and description, https for every URL).
 */

const ORDER = [
  'Id',
  'AlternateId',
  'Version',
  'ProviderName',
  'DefaultLocale',
  'DisplayName',
  'Description',
  'IconUrl',
  'HighResolutionIconUrl',
  'SupportUrl',
  'AppDomains',
  'Hosts',
  'Requirements',
  'DefaultSettings',
  'Permissions',
  'VersionOverrides',
];
const REQUIRED = [
  'Id',
  'Version',
  'ProviderName',
  'DefaultLocale',
  'DisplayName',
  'Description',
  'IconUrl',
  'SupportUrl',
  'DefaultSettings',
  'Permissions',
];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOCALE = /^[a-z]{2,3}-[A-Z]{2}$/;

type Node = Record<string, unknown>;

/** Every problem of the manifest; `files` are the paths the build serves (to check the URLs). */
export function validateManifest(
  xml: string,
  files: ReadonlySet<string>,
  baseUrl = 'https://localhost:3000',
): string[] {
  const problems: string[] = [];
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true)
    return [`not well-formed XML: ${wellFormed.err.msg} (line ${wellFormed.err.line})`];

  const ordered = new XMLParser({ preserveOrder: true, ignoreAttributes: false }).parse(xml) as Node[];
  const rootEntry = ordered.find((n) => 'OfficeApp' in n);
  if (!rootEntry) return ['the root element must be OfficeApp'];
  const children = (rootEntry.OfficeApp as Node[])
    .map((n) => Object.keys(n).find((k) => k !== ':@')!)
    .filter((k) => k !== '#comment');
  for (const name of REQUIRED) if (!children.includes(name)) problems.push(`missing <${name}>`);
  const positions = children.map((c) => ORDER.indexOf(c));
  positions.forEach((p, i) => {
    if (p < 0) problems.push(`unknown element <${children[i]}> in OfficeApp`);
    else if (i > 0 && p < positions[i - 1]!)
      problems.push(`<${children[i]}> must come before <${children[i - 1]}>`);
  });
  const rootAttrs = (rootEntry[':@'] ?? {}) as Record<string, string>;
  if (rootAttrs['@_xsi:type'] !== 'TaskPaneApp') problems.push('OfficeApp must have xsi:type="TaskPaneApp"');

  const doc = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) =>
      [
        'bt:Image',
        'bt:Url',
        'bt:String',
        'Override',
        'bt:Override',
        'Set',
        'Host',
        'Control',
        'Group',
        'AppDomain',
      ].includes(name),
  }).parse(xml) as { OfficeApp: Node };
  const app = doc.OfficeApp;
  const text = (v: unknown) =>
    typeof v === 'object' && v !== null ? String((v as Node)['#text'] ?? '') : String(v ?? '');
  if (!GUID.test(text(app.Id))) problems.push(`<Id> must be a GUID (got '${text(app.Id)}')`);
  if (!/^\d+(\.\d+){0,3}$/.test(text(app.Version)))
    problems.push(`<Version> must be n.n.n.n (got '${text(app.Version)}')`);
  if (!LOCALE.test(text(app.DefaultLocale))) problems.push(`<DefaultLocale> must be like en-US`);

  const valueOf = (el: unknown) => String(((el ?? {}) as Node)['@_DefaultValue'] ?? '');
  const checkLocalized = (name: string, el: unknown, max: number) => {
    const v = valueOf(el);
    if (!v) problems.push(`<${name}> needs a DefaultValue`);
    if (v.length > max) problems.push(`<${name}> is longer than ${max} characters`);
    for (const o of (((el ?? {}) as Node).Override as Node[] | undefined) ?? []) {
      if (!LOCALE.test(String(o['@_Locale'])))
        problems.push(`<${name}> override has a bad Locale '${String(o['@_Locale'])}'`);
      if (String(o['@_Value'] ?? '').length > max)
        problems.push(`<${name}> ${String(o['@_Locale'])} override is longer than ${max}`);
    }
  };
  checkLocalized('DisplayName', app.DisplayName, 125);
  checkLocalized('Description', app.Description, 250);

  const urls: [string, string][] = [
    ['IconUrl', valueOf(app.IconUrl)],
    ['HighResolutionIconUrl', valueOf(app.HighResolutionIconUrl)],
    ['SupportUrl', valueOf(app.SupportUrl)],
    ['SourceLocation', valueOf((app.DefaultSettings as Node | undefined)?.SourceLocation)],
  ];

  // Resources: ids unique, every resid defined, strings within limits, URLs https and built.
  const overrides = app.VersionOverrides as Node | undefined;
  const resources = (overrides?.Resources ?? {}) as Node;
  const defined = new Map<string, string>();
  const collect = (group: string, item: string, max?: number) => {
    for (const el of ((resources[group] as Node | undefined)?.[item] as Node[] | undefined) ?? []) {
      const id = String(el['@_id']);
      if (defined.has(id)) problems.push(`resource id '${id}' is defined twice`);
      defined.set(id, group);
      const v = valueOf(el);
      if (max !== undefined) {
        if (v.length > max) problems.push(`${group} '${id}' is longer than ${max} characters`);
        for (const o of (el['bt:Override'] as Node[] | undefined) ?? []) {
          if (!LOCALE.test(String(o['@_Locale'])))
            problems.push(`${group} '${id}' override has a bad Locale`);
          if (String(o['@_Value'] ?? '').length > max)
            problems.push(`${group} '${id}' ${String(o['@_Locale'])} override is longer than ${max}`);
        }
      } else {
        urls.push([`${group} '${id}'`, v]);
      }
    }
  };
  collect('bt:Images', 'bt:Image');
  collect('bt:Urls', 'bt:Url');
  collect('bt:ShortStrings', 'bt:String', 125);
  collect('bt:LongStrings', 'bt:String', 250);
  for (const m of xml.matchAll(/resid="([^"]+)"/g)) {
    if (!defined.has(m[1]!)) problems.push(`resid '${m[1]}' is not defined in <Resources>`);
  }
  const controlIds = [...xml.matchAll(/<(?:Control|Group)[^>]*\sid="([^"]+)"/g)].map((m) => m[1]!);
  for (const id of new Set(controlIds))
    if (controlIds.filter((x) => x === id).length > 1) problems.push(`control id '${id}' is used twice`);

  for (const [where, url] of urls) {
    if (!url) continue;
    if (!url.startsWith('https://')) {
      problems.push(`${where}: ${url} must be https`);
      continue;
    }
    if (url.startsWith(`${baseUrl}/`)) {
      const path = url.slice(baseUrl.length + 1).split(/[?#]/)[0]!;
      if (!files.has(path)) problems.push(`${where}: ${url} is not served by the build (no '${path}')`);
    }
  }
  const sets = ((app.Requirements as Node | undefined)?.Sets as Node | undefined)?.Set as Node[] | undefined;
  if (!sets?.some((s) => s['@_Name'] === 'ExcelApi'))
    problems.push('<Requirements> should name the ExcelApi set the add-in needs');
  return problems;
}
