import http from 'node:http';

/**
 * The server group's HTTP client: node:http over one kept-alive connection, with request bodies
 * encoded before the clock starts, and every answer read whole and parsed. It times the server,
 * not a client's machinery: Node's fetch (undici) spent 1.5-4 ms of its own per 1,000-user Bulk
 * request before the server saw it (a string body is checked and encoded on each call) and about
 * 5 ms reading a 0.9 MB answer through WHATWG streams, against 0.5-1 ms and 1 ms here (issue 18,
 * measured against a server that answers at once). 10,000 creates on PostgreSQL, the two clients
 * alternating in one process, six runs each: median 722 ms with fetch, 628 ms with this. The
 * add-in's own path, fetch included, is timed end to end by the submit group.
 */
export class BenchClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  constructor(private readonly base: string) {}

  request(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: Buffer,
  ): Promise<{ status: number; json: unknown }> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        `${this.base}${path}`,
        {
          method,
          agent: this.agent,
          headers: body ? { ...headers, 'content-length': String(body.length) } : headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            try {
              const text = Buffer.concat(chunks).toString('utf8');
              resolve({ status: res.statusCode ?? 0, json: text === '' ? undefined : JSON.parse(text) });
            } catch (e) {
              reject(e as Error);
            }
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
