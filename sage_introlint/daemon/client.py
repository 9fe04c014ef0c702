"""`introlint daemon start|stop|status` from the client's side (a check through the daemon is
forward.py, kept apart so that it imports as little as possible)."""

from __future__ import annotations

import os
import sys
import time

from . import place
from .forward import request, spawn

START_TIMEOUT = 60.0


def status() -> dict | None:
    return request({"command": "status"})


def start(idle: float | None = None) -> tuple[dict, bool]:
    """Start a daemon unless one from this code runs; (its status, whether it was started now)."""
    path = os.path.join(place.make_folder(), os.path.basename(place.socket_path()))
    running = status()
    if running is not None and running.get("fingerprint") == place.fingerprint():
        return running, False
    if running is not None:
        stop()
    spawn(path, idle)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        running = status()
        if running is not None:
            return running, True
        time.sleep(0.05)
    raise TimeoutError(f"the daemon did not answer on {path} within {START_TIMEOUT:.0f} s")


def stop() -> int | None:
    """Stop the running daemon; its pid, or None when none ran."""
    path = place.socket_path()
    answer = request({"command": "stop"}, path)
    if answer is None:
        return None
    deadline = time.monotonic() + 10
    while os.path.exists(path) and time.monotonic() < deadline:
        time.sleep(0.02)
    pid = answer.get("stopped")
    while isinstance(pid, int) and alive(pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    return pid


def alive(pid: int) -> bool:
    """Is process `pid` running (a zombie waiting for its parent counts as ended)?"""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        return True
