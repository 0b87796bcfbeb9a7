// Builds the task pane and the ribbon commands page. Production pages load Office.js from
// Microsoft's CDN (docs: "Referencing the Office JavaScript API library"). The manifest's URLs
// point at the dev server; a build with ADDIN_URL (`ADDIN_URL=https://roster.example.ac.jp npm
// run build`) writes dist/manifest.xml for that host instead, as Microsoft's add-in template does
// (its urlDev/urlProd replacement in the copy step).
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { devServerHttps } = require('./scripts/devCerts.js');
const { manifestFor } = require('./scripts/manifestFor.js');

const DEV_URL = 'https://localhost:3000';

module.exports = async (env, argv) => {
  // `--env harness`: for the browser tests, the pane on a fake Excel host (test/harness) and the
  // real pages as built for the dev server (dist-harness/addin), neither shipped.
  if (env && env.harness)
    return [
      harnessConfig(),
      { ...addinConfig('development', { harness: false }), output: output('dist-harness/addin') },
    ];
  const mode = argv.mode === 'production' ? 'production' : 'development';
  const config = addinConfig(mode, { harness: mode === 'development' });
  if (mode === 'development' && env && env.WEBPACK_SERVE) {
    config.devServer = await devServer();
    config.infrastructureLogging = { level: 'warn' };
    config.plugins.push(buildDoneLine);
  }
  return config;
};

function output(dir) {
  return { path: path.resolve(__dirname, dir), filename: '[name].[contenthash].js', clean: true };
}

/** The add-in's pages; in development also the browser harness (the pane without Excel). */
function addinConfig(mode, { harness }) {
  const production = mode === 'production';
  const addinUrl = production && process.env.ADDIN_URL ? process.env.ADDIN_URL : DEV_URL;
  return {
    mode,
    devtool: production ? 'source-map' : 'eval-source-map',
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
      help: './src/taskpane/help/main.tsx',
      ...(harness ? { harness: './test/harness/harness.tsx' } : {}),
    },
    output: output('dist'),
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: { rules: [swcRule()] },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
        // The outside-Excel explanation links the harness where it is served (development).
        harnessUrl: harness ? 'harness.html' : '',
      }),
      new HtmlWebpackPlugin({
        filename: 'help.html',
        template: './src/taskpane/help/help.html',
        chunks: ['help'],
      }),
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        template: './src/commands/commands.html',
        chunks: ['commands'],
      }),
      ...(harness
        ? [
            new HtmlWebpackPlugin({
              filename: 'harness.html',
              template: './test/harness/harness.html',
              chunks: ['harness'],
            }),
          ]
        : []),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'assets/help/*.png', to: 'assets/help/[name][ext]' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => manifestFor(content.toString(), addinUrl),
          },
        ],
      }),
    ],
    performance: { hints: false },
    // Webpack's own output stays short: errors, warnings and one line per build.
    stats: 'errors-warnings',
  };
}

/** One line per dev build, which scripts/start.ts waits for before its banner. */
function buildDoneLine(compiler) {
  compiler.hooks.done.tap('RosterBuildDone', (stats) => {
    process.stdout.write(
      stats.hasErrors() ? 'Add-in build failed (see the errors above).\n' : 'Add-in built.\n',
    );
  });
}

async function devServer() {
  return {
    port: Number(process.env.ADDIN_PORT || 3000),
    // office-addin-dev-certs' certificate: the one `npx office-addin-dev-certs install` trusts.
    server: { type: 'https', options: await devServerHttps() },
    static: false,
    // The dev server's root leads to the pane's page (which, outside Excel, says how to open it).
    setupMiddlewares: (middlewares, server) => {
      server.app.get('/', (_req, res) => res.redirect('/taskpane.html'));
      return middlewares;
    },
    // Progress and overlay chatter off: `npm start` prints one banner once the build is done.
    client: { logging: 'warn', progress: false },
    // The pane (https) calls the Roster server through its own origin: an https page may not
    // call an http server (mixed content), and same-origin calls need no CORS.
    proxy: [{ context: ['/t/'], target: `http://127.0.0.1:${process.env.PORT || 8080}` }],
  };
}

function swcRule() {
  return {
    test: /\.tsx?$/,
    exclude: /node_modules/,
    use: {
      loader: 'swc-loader',
      options: {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2020',
        },
      },
    },
  };
}

function harnessConfig() {
  return {
    mode: 'development',
    devtool: 'source-map',
    entry: { harness: './test/harness/harness.tsx' },
    output: {
      path: path.resolve(__dirname, 'dist-harness'),
      filename: '[name].js',
      clean: { keep: /^addin\// },
    },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: { rules: [swcRule()] },
    plugins: [new HtmlWebpackPlugin({ filename: 'harness.html', template: './test/harness/harness.html' })],
    performance: { hints: false },
    stats: 'errors-warnings',
  };
}
