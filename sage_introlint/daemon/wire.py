"""The daemon's messages (over a `socket.socket` or the client's bare `_socket.socket`): one JSON object per line each way; bytes travel as Latin-1 text
(each byte one character, so any bytes survive, and the client needs no base64)."""

from __future__ import annotations

import json

MAX_MESSAGE = 16 * 1024 * 1024  # a request holds arguments and at most a 1 MB standard input


class WireError(Exception):
    """A message that is too long, cut short or not JSON."""


def send(sock, message: dict) -> None:
    sock.sendall(json.dumps(message).encode("utf-8") + b"\n")


def receive(sock) -> dict:
    chunks, size = [], 0
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            raise WireError("connection closed before a whole message arrived")
        chunks.append(chunk)
        size += len(chunk)
        if chunk.endswith(b"\n"):
            break
        if size > MAX_MESSAGE:
            raise WireError("message too long")
    try:
        message = json.loads(b"".join(chunks))
    except ValueError:
        raise WireError("not a JSON message") from None
    if not isinstance(message, dict):
        raise WireError("a message must be a JSON object")
    return message


def pack(data: bytes) -> str:
    return data.decode("latin-1")


def unpack(text) -> bytes:
    return (text or "").encode("latin-1")
