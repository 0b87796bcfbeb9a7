/** What `/` links to, and whether the server also serves the built add-in (AppDeps.home). */
export interface HomeOptions {
  /**
   * The built add-in (`npm run build`: dist): served from this server when it holds
   * taskpane.html, so one https origin is one deployment (the pane calls /t/ on its own origin).
   */
  paneDir?: string;
  /** In development, the dev server that serves the pane and the browser harness. */
  addinDevUrl?: string;
  /** The operator notes linked from `/`: the first of these files that exists. */
  docs?: readonly string[];
}
