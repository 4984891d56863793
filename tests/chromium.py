"""Drive headless Chromium over the DevTools pipe, to check a report's print layout.

`--print-to-pdf` alone cannot show an overflow (Chromium shrinks a page that
is too wide to fit), so the test lays the page out with print media at the
width of the printable area and asks the page what sticks out. The DevTools
protocol over `--remote-debugging-pipe` needs no extra library: requests and
replies are JSON messages ended by a NUL byte on file descriptors 3 and 4.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Any

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-pipe",
    "--hide-scrollbars",
]


class Chromium:
    """One headless browser; use as a context manager."""

    def __init__(self, executable: str, timeout: float = 60) -> None:
        self.executable = executable
        self.timeout = timeout
        self._next_id = 0
        self._buffer = b""
        self._targets: dict[str, str] = {}

    def __enter__(self) -> Chromium:
        self._profile = tempfile.TemporaryDirectory(prefix="copyrightable-chromium-")
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire() -> None:  # runs in the child before exec: the pipe ends become fds 3 and 4
            os.dup2(to_child_r, 3)
            os.dup2(from_child_w, 4)

        self.process = subprocess.Popen(
            [self.executable, *FLAGS, f"--user-data-dir={self._profile.name}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4),
            preexec_fn=wire,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(OSError, RuntimeError):
            self.call("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_child)
        os.close(self._from_child)
        self._profile.cleanup()

    # ------------------------------------------------------------ protocol

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def wait_for(self, event: str, session: str) -> dict[str, Any]:
        while True:
            message = self._read()
            if message.get("method") == event and message.get("sessionId") == session:
                return message.get("params", {})

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            import select

            ready, _, _ = select.select([self._from_child], [], [], self.timeout)
            if not ready:
                raise RuntimeError("Chromium did not answer in time")
            chunk = os.read(self._from_child, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    # ------------------------------------------------------------ pages

    def open(self, path: Path) -> str:
        """Open a file in a new tab and wait until it has loaded; returns the session id."""
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.call("Page.enable", session)
        self.call("Page.navigate", session, url=path.resolve().as_uri())
        self.wait_for("Page.loadEventFired", session)
        self._targets[session] = target
        return session

    def target_of(self, session: str) -> str:
        return self._targets[session]

    def evaluate(self, session: str, expression: str) -> Any:
        reply = self.call(
            "Runtime.evaluate",
            session,
            expression=expression,
            returnByValue=True,
            awaitPromise=True,
        )
        if "exceptionDetails" in reply:
            raise RuntimeError(f"script failed: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def print_layout(self, session: str, width_px: int, height_px: int) -> None:
        """Lay the page out as it prints: print media, at the printable width."""
        self.call("Emulation.setEmulatedMedia", session, media="print")
        self.call(
            "Emulation.setDeviceMetricsOverride",
            session,
            width=width_px,
            height=height_px,
            deviceScaleFactor=1,
            mobile=False,
        )

    def print_to_pdf(self, session: str) -> bytes:
        reply = self.call("Page.printToPDF", session, preferCSSPageSize=True, printBackground=True)
        return base64.b64decode(reply["data"])
