const http = require('http');
const url = require('url');

const PORT = process.env.PORT || 8080;
const routes = new Map();

function route(path, handler) {
  routes.set(path, handler);
}

route('/', (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('Octavo preview\n');
});

route('/status', (req, res) => {
  const body = JSON.stringify({ ok: true, uptime: process.uptime() });
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(body);
});

const server = http.createServer((req, res) => {
  const { pathname } = url.parse(req.url);
  const handler = routes.get(pathname);
  if (handler) {
    handler(req, res);
  } else {
    res.writeHead(404);
    res.end('not found');
  }
});

server.listen(PORT, () => console.log(`listening on ${PORT}`));
