"""Real HTTP servers on 127.0.0.x for the fetching tests: pages, PDFs and faults, a TLS
site, a forward proxy and stand-ins for the data publishers' APIs (same answers' shapes)."""

from __future__ import annotations

import gzip
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Reply:
    """One answer: status, headers, body; ``drip`` sends the body a byte at a time with
    pauses; ``stall`` waits before answering; ``length`` overrides Content-Length (None:
    the body's; -1: none, the connection closes at the end)."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    drip: float = 0.0
    stall: float = 0.0
    length: int | None = None


Route = Callable[["Handler"], Reply]


def html(title: str, text: str, charset: str = "utf-8") -> bytes:
    return (
        f"<!DOCTYPE html><html><head><meta charset='{charset}'><title>{title}</title></head>"
        f"<body><nav>Home | News</nav><article><h1>{title}</h1><p>{text}</p></article>"
        "<footer>(c) Ministry</footer></body></html>"
    ).encode(charset)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Server

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        site = self.server.site
        path = urlsplit(self.path).path if self.path.startswith("http") else self.path.split("?", 1)[0]
        with site.lock:
            site.hits.append((path, dict(self.headers.items())))
        route = site.routes.get(path)
        reply = route(self) if callable(route) else route if route is not None else Reply(404, b"not here")
        self.send(reply)

    def send(self, reply: Reply) -> None:
        if reply.stall:
            time.sleep(reply.stall)
        self.send_response(reply.status)
        headers = {"Content-Type": "text/html; charset=utf-8", **reply.headers}
        for key, value in headers.items():
            self.send_header(key, value)
        if reply.length == -1:
            self.send_header("Connection", "close")
            self.close_connection = True
        else:
            self.send_header("Content-Length", str(reply.length if reply.length is not None else len(reply.body)))
        self.end_headers()
        try:
            if reply.drip:
                for i in range(len(reply.body)):
                    self.wfile.write(reply.body[i : i + 1])
                    self.wfile.flush()
                    time.sleep(reply.drip)
            else:
                self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


class Server(ThreadingHTTPServer):
    daemon_threads = True
    site: Site


class Site:
    """A web site on ``host`` (127.0.0.x) with routes; ``tls`` serves HTTPS with that context."""

    def __init__(self, host: str = "127.0.0.1", tls: ssl.SSLContext | None = None) -> None:
        self.routes: dict[str, Reply | Route] = {"/robots.txt": Reply(404, b"")}
        self.hits: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.Lock()
        self.server = Server((host, 0), Handler)
        self.server.site = self
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.scheme = "https" if tls else "http"
        self.host = host

    @property
    def base(self) -> str:
        return f"{self.scheme}://{self.host}:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        with self.lock:
            return [p for p, _ in self.hits]

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def sequence(*replies: Reply) -> Route:
    """A route that answers with each reply in turn, then keeps giving the last."""
    queue = list(replies)
    lock = threading.Lock()

    def route(handler: Handler) -> Reply:
        with lock:
            return queue.pop(0) if len(queue) > 1 else queue[0]

    return route


def gzip_bomb(expanded: int) -> bytes:
    """``expanded`` zero bytes, gzipped (about 1/1000 of the size)."""
    out = gzip.compress(b"\0" * min(expanded, 1 << 24), compresslevel=9)
    if expanded <= 1 << 24:
        return out
    import zlib

    deflate = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"\0" * (1 << 20)
    parts = [deflate.compress(block) for _ in range(expanded >> 20)]
    parts.append(deflate.flush())
    return b"".join(parts)


class Proxy:
    """A forward HTTP proxy that sends every request, whatever its host, to one site:
    stands in for an institution's proxy (the client never resolves the names)."""

    def __init__(self, target: Site) -> None:
        self.target = target
        self.requests: list[str] = []
        proxy = self

        class ProxyHandler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                proxy.requests.append(self.path)
                parts = urlsplit(self.path)
                host, port = target.server.server_address[:2]
                with socket.create_connection((str(host), int(port)), timeout=10) as upstream:
                    path = parts.path + (f"?{parts.query}" if parts.query else "")
                    head = f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\nConnection: close\r\n"
                    for key, value in self.headers.items():
                        if key.lower() not in ("host", "connection", "proxy-connection"):
                            head += f"{key}: {value}\r\n"
                    upstream.sendall(head.encode() + b"\r\n")
                    data = b""
                    while chunk := upstream.recv(65536):
                        data += chunk
                # the proxy closes each connection, so it must say so: without the header the
                # client may reuse the connection before it sees the close (a race under load)
                status, sep, rest = data.partition(b"\r\n")
                if sep and b"\r\nconnection:" not in (sep + rest.split(b"\r\n\r\n", 1)[0]).lower():
                    data = status + b"\r\nConnection: close" + sep + rest
                self.close_connection = True
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), ProxyHandler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> Proxy:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
