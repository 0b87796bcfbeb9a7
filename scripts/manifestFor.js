// The manifest for a host: every dev-server URL in manifest.xml (https://localhost:3000)
// replaced by the deployment's origin, as Microsoft's add-in template does in its build.
const DEV_URL = 'https://localhost:3000';

/** manifest.xml with its URLs on `addinUrl` (an https origin, optionally with a path). */
function manifestFor(xml, addinUrl) {
  const url = String(addinUrl).replace(/\/+$/, '');
  if (url === DEV_URL) return xml;
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`ADDIN_URL must be an https URL like https://roster.example.ac.jp (got '${addinUrl}')`);
  }
  // Office loads add-ins only over https (docs: "Office Add-ins XML manifest", SourceLocation).
  if (parsed.protocol !== 'https:' || parsed.search || parsed.hash)
    throw new Error(`ADDIN_URL must be an https URL like https://roster.example.ac.jp (got '${addinUrl}')`);
  return xml.split(DEV_URL).join(url);
}

module.exports = { DEV_URL, manifestFor };
