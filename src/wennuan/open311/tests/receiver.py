"""A webhook receiver for tests and the bench: an HTTP server on a thread that records what it gets and
can refuse (HTTP 503) or be switched off entirely (connection refused) for a while."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Receiver:
    def __init__(self, port: int = 0):
        self.port = port
        self.refusing = False
        self.received: list[dict] = []  # {"event": body, "timestamp", "signature", "raw"} of accepted POSTs
        self.refused = 0
        self._lock = threading.Lock()
        self._server = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def start(self) -> "Receiver":
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with receiver._lock:
                    if receiver.refusing:
                        receiver.refused += 1
                        self.send_response(503)
                    else:
                        receiver.received.append({
                            "event": json.loads(raw), "raw": raw,
                            "timestamp": self.headers.get("X-Wennuan-Timestamp", ""),
                            "signature": self.headers.get("X-Wennuan-Signature", ""),
                        })  # fmt: skip
                        self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Switch the server off: connections are refused until ``start`` again (same port)."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
