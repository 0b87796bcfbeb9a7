// The dev server's https certificate, from office-addin-dev-certs as in Microsoft's add-in
// template (getHttpsServerOptions): the certificate `npx office-addin-dev-certs install` trusts
// is the one served. Where the tool cannot install its CA (no administrator rights, no terminal
// for sudo) or DEV_CERTS_INSTALL=0 (the tests), the tool's certificate is still made and served,
// untrusted, and one line says how to trust it.
const { X509Certificate } = require('node:crypto');
const { existsSync, readFileSync } = require('node:fs');
const devCerts = require('office-addin-dev-certs');
const defaults = require('office-addin-dev-certs/lib/defaults');

/** Whether the tool's localhost certificate exists and is valid for at least another day. */
function certificateFresh() {
  if (!existsSync(defaults.localhostCertificatePath) || !existsSync(defaults.localhostKeyPath)) return false;
  try {
    const cert = new X509Certificate(readFileSync(defaults.localhostCertificatePath));
    return new Date(cert.validTo).getTime() > Date.now() + 24 * 3600 * 1000;
  } catch {
    return false;
  }
}

function trusted() {
  try {
    return devCerts.verifyCertificates();
  } catch {
    return false;
  }
}

/** `{ ca, cert, key }` for webpack-dev-server's `server.options`. */
async function devServerHttps() {
  const install = process.env.DEV_CERTS_INSTALL !== '0';
  // A certificate made earlier but not trusted is kept, not replaced at every start (a browser
  // that accepted it once keeps accepting it).
  if (install && (!certificateFresh() || trusted())) {
    try {
      const o = await devCerts.getHttpsServerOptions();
      return { ca: o.ca, cert: o.cert, key: o.key };
    } catch {
      // Falls through: serve the tool's certificate untrusted.
    }
  }
  if (!certificateFresh()) {
    // The tool writes nothing while an old CA file is there: clear its folder first.
    devCerts.deleteCertificateFiles(defaults.certificateDirectory);
    await devCerts.generateCertificates();
  }
  process.stderr.write(
    `The dev certificate (${defaults.localhostCertificatePath}) is not trusted yet: ` +
      'run `npx office-addin-dev-certs install` (README: "Trust the dev certificate").\n',
  );
  return {
    ca: readFileSync(defaults.caCertificatePath),
    cert: readFileSync(defaults.localhostCertificatePath),
    key: readFileSync(defaults.localhostKeyPath),
  };
}

module.exports = { devServerHttps };
