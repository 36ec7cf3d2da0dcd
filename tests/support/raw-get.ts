import { request } from 'node:http';

/** A response as it came over the wire. */
export interface RawResponse {
  status: number;
  headers: Record<string, unknown>;
  body: Buffer;
}

/** A raw GET, so a test sees the bytes on the wire (a compressed body stays compressed) rather than fetch's decoded body. */
export function rawGet(url: string, acceptEncoding: string): Promise<RawResponse> {
  return new Promise((done, fail) => {
    request(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
    })
      .on('error', fail)
      .end();
  });
}
