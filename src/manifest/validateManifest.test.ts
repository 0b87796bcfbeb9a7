import { readFileSync } from 'node:fs';
import { validateManifest } from './validateManifest';

const xml = readFileSync('manifest.xml', 'utf8');
const files = new Set([
  'taskpane.html',
  'commands.html',
  'help.html',
  'assets/icon-16.png',
  'assets/icon-32.png',
  'assets/icon-64.png',
  'assets/icon-80.png',
]);

describe('the offline manifest check', () => {
  test('our manifest passes', () => {
    expect(validateManifest(xml, files)).toEqual([]);
  });

  test.each([
    ['a broken tag', xml.replace('</Hosts>', '</Host>'), 'not well-formed'],
    ['a bad Id', xml.replace(/<Id>[^<]+<\/Id>/, '<Id>not-a-guid</Id>'), '<Id> must be a GUID'],
    [
      'an http URL',
      xml.replace(
        'https://localhost:3000/taskpane.html"/>\n  </DefaultSettings>',
        'http://localhost:3000/taskpane.html"/>\n  </DefaultSettings>',
      ),
      'must be https',
    ],
    [
      'a resid with no resource',
      xml.replace('resid="Group.Label"', 'resid="Group.Nope"'),
      "resid 'Group.Nope' is not defined",
    ],
    ['a page the build does not serve', xml.replaceAll('/commands.html', '/cmds.html'), "no 'cmds.html'"],
    [
      'elements out of order',
      xml.replace(/(<Version>[^<]+<\/Version>)\s*(<ProviderName>[^<]+<\/ProviderName>)/, '$2\n  $1'),
      'must come before',
    ],
    [
      'a long display name',
      xml.replace('DefaultValue="Roster Sheet">', `DefaultValue="${'x'.repeat(126)}">`),
      'longer than 125',
    ],
    [
      'a missing description',
      xml.replace(/<Description[\s\S]*?<\/Description>/, ''),
      'missing <Description>',
    ],
  ])('%s is caught', (_name, broken, expected) => {
    expect(validateManifest(broken, files).join('\n')).toContain(expected);
  });
});
