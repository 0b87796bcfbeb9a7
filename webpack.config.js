// Builds the task pane and the ribbon commands page. Production pages load Office.js from
// Microsoft's CDN (docs: "Referencing the Office JavaScript API library"); the URLs in the
// manifest are rewritten from ADDIN_URL for a production build.
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const DEV_URL = 'https://localhost:3000';

module.exports = (env, argv) => {
  const production = argv.mode === 'production';
  // `--env harness`: the pane on a fake Excel host for browser tests (test/harness), not shipped.
  if (env && env.harness) return harnessConfig();
  const addinUrl = (process.env.ADDIN_URL || DEV_URL).replace(/\/$/, '');
  return {
    devtool: production ? 'source-map' : 'eval-source-map',
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
    },
    output: { path: path.resolve(__dirname, 'dist'), filename: '[name].[contenthash].js', clean: true },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: { rules: [swcRule()] },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
      }),
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        template: './src/commands/commands.html',
        chunks: ['commands'],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'src/taskpane/help.html', to: 'help.html' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => (production ? content.toString().split(DEV_URL).join(addinUrl) : content),
          },
        ],
      }),
    ],
    devServer: {
      port: 3000,
      server: 'https',
      static: false,
      // The pane (https) calls the Roster server through its own origin: an https page may not
      // call an http server (mixed content), and same-origin calls need no CORS.
      proxy: [{ context: ['/t/'], target: `http://127.0.0.1:${process.env.PORT || 8080}` }],
    },
    performance: { hints: false },
  };
};

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
    output: { path: path.resolve(__dirname, 'dist-harness'), filename: '[name].js', clean: true },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: { rules: [swcRule()] },
    plugins: [new HtmlWebpackPlugin({ filename: 'harness.html', template: './test/harness/harness.html' })],
    performance: { hints: false },
  };
}
