import http from 'node:http';

/** One request through node:http, whose Host header we choose (fetch would not let us). */
export function request(
  port: number,
  opts: { host: string; method?: string; path?: string; headers?: Record<string, string>; body?: Uint8Array },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: opts.path ?? '/api/health',
        headers: { host: opts.host, ...opts.headers },
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}
