#!/usr/bin/env python3
"""The tests' harness for `octavo serve` (Tests/OctavoKitTests/Preview/PreviewPageTests.swift).

Serves harness.html at /_harness.html and passes every other GET on to the preview server
given as the first argument, so the harness and the page it measures share one origin.
The reload stream (/_octavo/events) gets 204 No Content: a browser then stops listening,
and headless Chromium's virtual time, which waits for open requests, can run out.
Prints "harness on PORT" once listening. Standard library only.
"""
import http.server
import os
import signal
import sys
import urllib.error
import urllib.request

UPSTREAM = sys.argv[1]
HARNESS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "harness.html")


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith("/_harness.html"):
            with open(HARNESS, "rb") as file:
                self.reply(200, "text/html; charset=utf-8", file.read())
            return
        if self.path.startswith("/_octavo/events"):
            self.reply(204, None, b"")
            return
        try:
            with urllib.request.urlopen(UPSTREAM + self.path, timeout=120) as response:
                self.reply(response.status, response.headers.get("Content-Type"), response.read())
        except urllib.error.HTTPError as error:
            self.reply(error.code, error.headers.get("Content-Type"), error.read())

    def reply(self, status, content_type, body):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *arguments):
        pass


signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print("harness on %d" % server.server_address[1], flush=True)
server.serve_forever()
