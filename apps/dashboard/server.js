// Production entry (`npm start` in this folder, after `vite build`): serves the built dashboard with
// adapter-node's handler, adds baseline security headers to every response (static files too) and
// prints where it listens. PORT=0 picks a free port (tests).
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

const server = createServer();
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(port, host, () => resolve(undefined));
});
const address = server.address();
const actualPort = typeof address === 'object' && address ? address.port : port;
process.env.PORT = String(actualPort);
const publicUrl = process.env.PUBLIC_URL || `http://localhost:${actualPort}`;
process.env.PUBLIC_URL = publicUrl;
// adapter-node derives request URLs (and SvelteKit's CSRF origin check) from ORIGIN.
process.env.ORIGIN ??= publicUrl;

let handler;
try {
  ({ handler } = await import('./build/handler.js'));
} catch (error) {
  server.close();
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

server.on('request', (req, res) => {
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'same-origin');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
  handler(req, res);
});

console.log(`Dashboard: ${publicUrl}`);

const shutdown = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
