"""Whether the network answers, asked quickly before a long fetch is started.

:func:`network_answers` opens a TCP connection to the proxy, or to the first few sites of
the URLs to fetch, and closes it at once: no HTTP request is sent. The whole probe,
name lookups included, is bounded by ``timeout`` seconds (it runs in a thread that is
abandoned when the time is up), so an offline machine learns it in that time.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterable
from urllib.parse import urlsplit

#: Sites tried at most, one after the other, within the probe's time.
MAX_SITES = 3


def _address(url: str) -> tuple[str, int] | None:
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        return None
    if not parts.hostname:
        return None
    default = 443 if parts.scheme in ("https", "socks5", "socks5h") else 80
    if parts.scheme.startswith("socks"):
        default = 1080
    return parts.hostname, port or default


def network_answers(urls: Iterable[str], *, proxy: str | None = None, timeout: float = 3.0) -> bool:
    """True when the proxy (if given) or one of the first :data:`MAX_SITES` sites of
    ``urls`` accepts a connection within ``timeout`` seconds."""
    targets: list[tuple[str, int]] = []
    for url in [proxy] if proxy else urls:
        address = _address(url)
        if address is not None and address not in targets:
            targets.append(address)
        if len(targets) >= MAX_SITES:
            break
    if not targets:
        return False
    answered = threading.Event()

    def probe() -> None:
        for host, port in targets:
            try:
                with socket.create_connection((host, port), timeout=timeout):
                    answered.set()
                    return
            except OSError:
                continue

    threading.Thread(target=probe, name="network-probe", daemon=True).start()
    return answered.wait(timeout)
