// A tiny static file server for the built portal (no dependencies).
//
//   node serve.mjs [DIR]        serve DIR (default ../../public) and print the URL
//   import { serve } from './serve.mjs'; const s = await serve(dir); s.url; await s.close();
//
// Listens on 127.0.0.1 on a free port chosen by the OS. Directory URLs get their index.html,
// `/dir` redirects to `/dir/`, unknown paths get 404 with DIR/404.html when there is one.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

export function contentType(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

function statOrNull(p) {
  try {
    return fs.statSync(p);
  } catch {
    return null;
  }
}

export function serve(dir, { port = 0, host = '127.0.0.1', log = false } = {}) {
  const root = path.resolve(dir);
  const notFoundPage = path.join(root, '404.html');

  const send = (res, status, headers, body, method) => {
    res.writeHead(status, headers);
    res.end(method === 'HEAD' ? undefined : body);
  };

  const sendFile = (res, status, file, method) => {
    const body = fs.readFileSync(file);
    send(res, status, { 'Content-Type': contentType(file), 'Content-Length': body.length, 'Cache-Control': 'no-store' }, body, method);
  };

  const notFound = (res, method) => {
    if (statOrNull(notFoundPage)?.isFile()) return sendFile(res, 404, notFoundPage, method);
    send(res, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Not found\n', method);
  };

  const server = http.createServer((req, res) => {
    const method = req.method || 'GET';
    if (log) console.log(method, req.url);
    if (method !== 'GET' && method !== 'HEAD') {
      return send(res, 405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }, 'Method not allowed\n', method);
    }
    let pathname;
    let search = '';
    try {
      const u = new URL(req.url, 'http://localhost');
      pathname = decodeURIComponent(u.pathname);
      search = u.search;
    } catch {
      return send(res, 400, { 'Content-Type': 'text/plain' }, 'Bad request\n', method);
    }
    if (pathname.includes('\0')) return send(res, 400, { 'Content-Type': 'text/plain' }, 'Bad request\n', method);
    const file = path.join(root, pathname);
    // Stay inside the served folder.
    if (file !== root && !file.startsWith(root + path.sep)) return notFound(res, method);
    const st = statOrNull(file);
    if (st?.isDirectory()) {
      if (!pathname.endsWith('/')) {
        const location = encodeURI(pathname + '/') + search;
        return send(res, 301, { Location: location, 'Content-Type': 'text/plain' }, `Moved to ${location}\n`, method);
      }
      const index = path.join(file, 'index.html');
      if (statOrNull(index)?.isFile()) return sendFile(res, 200, index, method);
      return notFound(res, method);
    }
    if (st?.isFile() && !pathname.endsWith('/')) return sendFile(res, 200, file, method);
    return notFound(res, method);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const addr = server.address();
      resolve({
        server,
        port: addr.port,
        url: `http://${host}:${addr.port}`,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}

// Run directly: serve a folder until interrupted.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dir = process.argv[2] || path.join(here, '..', '..', 'public');
  const port = Number(process.env.PORT || 0);
  const s = await serve(dir, { port, log: true });
  console.log(`Serving ${path.resolve(dir)} at ${s.url}/`);
}
