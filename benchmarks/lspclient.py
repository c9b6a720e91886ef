"""A deliberately small LSP client over stdio: Content-Length framing and JSON-RPC, nothing else.

The benchmarks time the server, so the client does as little as it can: one thread reads frames
and stamps each message with the time its last byte arrived; the caller's thread writes.
"""

from __future__ import annotations

import itertools
import json
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

Message = dict[str, Any]


class ServerExited(RuntimeError):
    pass


class LspClient:
    def __init__(self, cmd: Sequence[str], cwd: Path | None = None, stderr: IO[bytes] | None = None) -> None:
        self.spawned_at = time.perf_counter()
        self.proc = subprocess.Popen(
            list(cmd),
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr if stderr is not None else subprocess.DEVNULL,
        )
        self.inbox: queue.Queue[tuple[float, Message | None]] = queue.Queue()
        self.ids = itertools.count(1)
        self.config_result: Callable[[Message], Any] = lambda params: [None for _ in params.get("items", [])]
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    @property
    def pid(self) -> int:
        return self.proc.pid

    # Framing -------------------------------------------------------------------------------------

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        try:
            while True:
                length = -1
                while True:
                    line = out.readline()
                    if not line:
                        raise EOFError
                    if line in (b"\r\n", b"\n"):
                        break
                    name, _, value = line.decode("ascii").partition(":")
                    if name.strip().lower() == "content-length":
                        length = int(value)
                body = out.read(length)
                if len(body) < length:
                    raise EOFError
                self.inbox.put((time.perf_counter(), json.loads(body)))
        except (EOFError, ValueError, OSError):
            self.inbox.put((time.perf_counter(), None))

    def _write(self, msg: Message) -> float:
        body = json.dumps(msg, separators=(",", ":")).encode("utf-8")
        stdin = self.proc.stdin
        assert stdin is not None
        sent = time.perf_counter()
        stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        stdin.flush()
        return sent

    # JSON-RPC ------------------------------------------------------------------------------------

    def notify(self, method: str, params: Any) -> float:
        """Send a notification; returns the time just before its bytes were written."""
        return self._write({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: Any) -> tuple[int, float]:
        rid = next(self.ids)
        return rid, self._write({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})

    def _answer(self, msg: Message) -> None:
        """Reply to the server's own requests as an editor would, with as little as allowed."""
        method = msg.get("method")
        result: Any = None
        if method == "workspace/configuration":
            result = self.config_result(msg.get("params") or {})
        self._write({"jsonrpc": "2.0", "id": msg["id"], "result": result})

    def wait_for(self, match: Callable[[Message], bool], timeout: float) -> tuple[float, Message] | None:
        """The first message that ``match`` accepts, with its arrival time; None on timeout.

        Server requests are answered on the way; other messages are dropped.
        """
        deadline = time.perf_counter() + timeout
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                return None
            try:
                at, msg = self.inbox.get(timeout=remaining)
            except queue.Empty:
                return None
            if msg is None:
                raise ServerExited(f"server exited with {self.proc.poll()}")
            if "method" in msg and "id" in msg:
                self._answer(msg)
                if match(msg):
                    return at, msg
                continue
            if match(msg):
                return at, msg

    def wait_response(self, rid: int, timeout: float = 60.0) -> tuple[float, Message]:
        got = self.wait_for(lambda m: m.get("id") == rid and "method" not in m, timeout)
        if got is None:
            raise TimeoutError(f"no response to request {rid} within {timeout} s")
        if "error" in got[1]:
            raise RuntimeError(f"request {rid} failed: {got[1]['error']}")
        return got

    # LSP -----------------------------------------------------------------------------------------

    def initialize(
        self,
        root: Path | None = None,
        pull: bool = False,
        configuration: bool = False,
        timeout: float = 60.0,
    ) -> tuple[float, Message]:
        """initialize + initialized; returns the arrival time of the initialize response and it."""
        text_caps: dict[str, Any] = {
            "synchronization": {"dynamicRegistration": False, "didSave": True},
            "publishDiagnostics": {"versionSupport": True, "relatedInformation": True},
        }
        if pull:
            text_caps["diagnostic"] = {"dynamicRegistration": False, "relatedDocumentSupport": False}
        params = {
            "processId": None,
            "clientInfo": {"name": "pulumi-lint-bench"},
            "rootUri": root.resolve().as_uri() if root else None,
            "workspaceFolders": [{"uri": root.resolve().as_uri(), "name": root.name}] if root else None,
            "capabilities": {
                "general": {"positionEncodings": ["utf-16"]},
                "textDocument": text_caps,
                "workspace": {"configuration": configuration, "workspaceFolders": True},
            },
        }
        rid, _ = self.request("initialize", params)
        at, msg = self.wait_response(rid, timeout)
        self.notify("initialized", {})
        return at, msg

    def shutdown(self, timeout: float = 10.0) -> None:
        try:
            rid, _ = self.request("shutdown", None)
            self.wait_response(rid, timeout)
            self.notify("exit", None)
            self.proc.wait(timeout)
        except (ServerExited, TimeoutError, RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
            print(f"server did not shut down cleanly ({exc}); terminating it", file=sys.stderr)
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def is_publish(uri: str, version: int | None = None) -> Callable[[Message], bool]:
    """Matches publishDiagnostics for ``uri``; with ``version``, only a publication of that version
    (or one without any version, which then has to be taken as current)."""

    def match(msg: Message) -> bool:
        if msg.get("method") != "textDocument/publishDiagnostics":
            return False
        params = msg.get("params") or {}
        if params.get("uri") != uri:
            return False
        return version is None or params.get("version", version) == version

    return match


def utf16_position(text: str, offset: int) -> dict[str, int]:
    """LSP position (UTF-16 code units) of character ``offset`` in ``text``; lines break on \\n."""
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    prefix = text[start:offset]
    return {"line": line, "character": len(prefix.encode("utf-16-le")) // 2}


def rss_kib(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) of a process, in KiB, from /proc/<pid>/status."""
    found: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0])
    return found


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far, from /proc/<pid>/stat."""
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    # After the command name: state is field 3, so utime (14) and stime (15) sit at 11 and 12.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
