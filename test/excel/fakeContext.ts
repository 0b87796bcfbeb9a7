// The request context and loadable proxies of the fake. See FakeExcel.ts.
import { CellLimitError } from './enter';
import { apiAtLeast, FakeExcelError, jsonBytes, LIMIT, type Action, type FakeHost } from './fakeBasics';

/** The context: queues actions and loads, sends them on sync (FakeExcel's subclass adds `workbook`). */
export class FakeContext {
  readonly runtime: { enableEvents: boolean };
  private queue: Action[] = [];
  private nextId = 1;

  constructor(readonly excel: FakeHost) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const ctx = this;
    this.runtime = {
      get enableEvents() {
        return excel.eventsEnabled;
      },
      set enableEvents(v: boolean) {
        ctx.act({ set: 'Runtime.enableEvents', v }, () => (excel.eventsEnabled = v), '1.8');
      },
    };
  }

  /** Queues an action; `api` is the ExcelApi version the member needs. */
  act(json: unknown, apply: () => unknown, api = '1.1', member?: string): void {
    const id = this.nextId++;
    const excel = this.excel;
    this.queue.push({
      json: { Id: id, ...(json as object) },
      apply: () => {
        if (!apiAtLeast(excel.api, api))
          throw new FakeExcelError(
            'ApiNotFound',
            `${member ?? JSON.stringify(json).slice(0, 60)} needs ExcelApi ${api}; this host supports ${excel.api}`,
          );
        return apply();
      },
    });
  }

  async sync(): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    if (queue.length === 0) return; // an empty batch makes no round trip
    const requestBytes = jsonBytes({ Actions: queue.map((a) => a.json) });
    const stat = { requestBytes, responseBytes: 0 };
    this.excel.syncs.push(stat);
    if (requestBytes > LIMIT)
      throw new FakeExcelError('RequestPayloadSizeLimitExceeded', `request of ${requestBytes} bytes`);
    const results: unknown[] = [];
    const commits: (() => void)[] = [];
    try {
      for (const a of queue) {
        const r = a.apply();
        // Loads answer with a result (a commit function that serializes as the loaded values).
        if (typeof r === 'function') {
          commits.push(r as () => void);
          results.push(r);
        }
      }
    } catch (e) {
      this.excel.afterSync();
      if (e instanceof CellLimitError) throw new FakeExcelError('InvalidArgument', e.message);
      throw e;
    }
    stat.responseBytes = jsonBytes({ Results: results });
    this.excel.afterSync();
    if (stat.responseBytes > LIMIT)
      throw new FakeExcelError('ResponsePayloadSizeLimitExceeded', `response of ${stat.responseBytes} bytes`);
    // Loaded values become readable only once the response arrived.
    for (const c of commits) c();
  }
}

/** Properties readable only after load + sync. */
export class Loadable {
  protected loaded = new Map<string, unknown>();
  constructor(protected readonly ctx: FakeContext) {}
  protected readProps(): Record<string, () => unknown> {
    return {};
  }
  protected loadApi(): string {
    return '1.1';
  }
  load(props?: string | string[] | Record<string, unknown>): this {
    const names =
      typeof props === 'string'
        ? props.split(',').map((s) => s.trim())
        : Array.isArray(props)
          ? props
          : props
            ? Object.keys(props)
            : Object.keys(this.readProps());
    const getters = this.readProps();
    for (const n of names)
      if (!getters[n]) throw new FakeExcelError('InvalidArgument', `The fake does not model loading '${n}'`);
    this.ctx.act(
      { load: this.constructor.name, names },
      () => {
        const snap: Record<string, unknown> = {};
        for (const n of names) snap[n] = getters[n]!();
        // The snapshot is the response; the commit makes it readable.
        const commit = () => {
          for (const n of names) this.loaded.set(n, snap[n]);
        };
        return Object.assign(commit, { toJSON: () => snap });
      },
      this.loadApi(),
    );
    return this;
  }
  protected get<T>(name: string): T {
    if (!this.loaded.has(name)) {
      throw new FakeExcelError(
        'PropertyNotLoaded',
        `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    return this.loaded.get(name) as T;
  }
}
