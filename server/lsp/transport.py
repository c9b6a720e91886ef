"""Reading LSP messages so that a burst of edits is analysed once.

A reader (a thread for stdio, a task for TCP) parses framed messages into a queue. The dispatcher
handles every message already queued, and only then asks the server to analyse the documents those
messages changed. Fast typing coalesces by itself and a lone keystroke is analysed at once: there
is no timer to wait for. The one timer is for idle work (settling trees kept from edits that left
syntax errors): it runs only once no message has come for its delay.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import sys
import threading
from collections.abc import Callable
from typing import Any, BinaryIO

from pygls.exceptions import JsonRpcException, JsonRpcParseError, JsonRpcRequestCancelled
from pygls.protocol import JsonRPCProtocol

log = logging.getLogger(__name__)

_EOF = object()
_NOT_JSON = object()
# Queued by the idle timer (see Dispatcher.next_message); never a message.
_IDLE = object()


def _decode(body: bytes) -> Any:
    try:
        return json.loads(body)
    except ValueError:  # UnicodeDecodeError included: the body is not UTF-8
        log.error("received a message that is not JSON in UTF-8 (%d bytes); ignored", len(body))
        return _NOT_JSON


def _hashable(msg_id: Any) -> Any:
    return msg_id if isinstance(msg_id, (int, str)) else None


def _cancelled_ids(messages: list[Any]) -> set[Any]:
    """Ids of the requests a ``$/cancelRequest`` in the same batch cancels.

    Handlers run one after the other to completion, so a cancellation can only be honoured for a
    request that has not started yet: one that is still in the batch.
    """
    ids: set[Any] = set()
    for raw in messages:
        if isinstance(raw, dict) and raw.get("method") == "$/cancelRequest":
            params = raw.get("params")
            msg_id = params.get("id") if isinstance(params, dict) else None
            if isinstance(msg_id, (int, str)):
                ids.add(msg_id)
    return ids


def _content_length(header: bytes, length: int) -> int:
    """The body length a header line declares, or ``length`` unchanged for other headers."""
    name, _, value = header.decode("ascii", errors="replace").partition(":")
    if name.strip().lower() != "content-length":
        return length
    try:
        return int(value.strip())
    except ValueError:
        return -1


def _read_message(stream: BinaryIO) -> bytes | None:
    """One framed message body, or None at end of input."""
    length = -1
    while True:
        header = stream.readline()
        if not header:
            return None
        if header in (b"\r\n", b"\n"):
            if length >= 0:
                break
            continue
        length = _content_length(header, length)
    body = stream.read(length)
    if len(body) < length:
        return None
    return body


def _repair(message: Any) -> Any:
    """Fill in fields some clients leave out, so the request can still be answered.

    Neovim 0.7 sends the diagnostics of a code action request without their ``range``.
    """
    if not isinstance(message, dict):
        return message
    if message.get("method") == "textDocument/codeAction":
        params = message.get("params")
        if isinstance(params, dict):
            request_range = params.get("range")
            context = params.get("context")
            if isinstance(context, dict):
                diagnostics = context.get("diagnostics")
                if not isinstance(diagnostics, list):
                    context["diagnostics"] = []
                else:
                    kept = []
                    for diagnostic in diagnostics:
                        if not isinstance(diagnostic, dict):
                            continue
                        diagnostic.setdefault("range", request_range)
                        diagnostic.setdefault("message", "")
                        if diagnostic.get("range") is not None:
                            kept.append(diagnostic)
                    context["diagnostics"] = kept
    return message


# Called after each batch with two questions it may ask while it analyses: has a message arrived
# since? has a request? Then it can stop and let the dispatcher answer first (a hover must not
# wait for the analysis of every document a flood of edits touched, nor for a long one).
AfterBatch = Callable[[Callable[[], bool], Callable[[], bool]], None]


def _is_request(message: Any) -> bool:
    return isinstance(message, dict) and "method" in message and message.get("id") is not None


# Work to do once no message has come for a while: how long to wait for one first (None: there
# is none), and the work, with the same two questions as AfterBatch.
IdleDelay = Callable[[], "float | None"]


class Dispatcher:
    def __init__(
        self,
        protocol: JsonRPCProtocol,
        after_batch: AfterBatch,
        idle_delay: IdleDelay | None = None,
        on_idle: AfterBatch | None = None,
    ) -> None:
        self.protocol = protocol
        self.after_batch = after_batch
        self.idle_delay = idle_delay
        self.on_idle = on_idle
        self.queue: asyncio.Queue[object] = asyncio.Queue()
        # Counted by the reader as messages arrive (before they reach the queue) and by the
        # dispatcher as it takes them: the difference is what is waiting.
        self.received = 0
        self.taken = 0
        # The same for requests, which a background analysis gives way to at once.
        self.requests_received = 0
        self.requests_taken = 0

    def pending(self) -> bool:
        return self.received > self.taken

    def request_pending(self) -> bool:
        return self.requests_received > self.requests_taken

    def arrived(self, message: object) -> None:
        """Count a message (decoded, or ``_EOF``) before it is queued; called on the reader's side."""
        if _is_request(message):
            self.requests_received += 1
        self.received += 1

    def _took(self, message: object) -> object:
        if _is_request(message):
            self.requests_taken += 1
        self.taken += 1
        return message

    def _handle(self, raw: Any) -> None:
        if raw is _NOT_JSON:
            self._send_error(None, JsonRpcParseError())
            return
        raw = _repair(raw)
        try:
            message = self.protocol.structure_message(raw)
        except JsonRpcException as error:
            msg_id = raw.get("id") if isinstance(raw, dict) else None
            if msg_id is not None and "method" in raw:
                self._send_error(msg_id, error)
            return
        if isinstance(message, dict):
            log.error("received a message that is not JSON-RPC")
            return
        self.protocol.handle_message(message)

    def _send_error(self, msg_id: Any, error: JsonRpcException) -> None:
        if msg_id is None:
            return
        send = self.protocol._send_response
        send(msg_id, None, error.to_response_error())

    async def next_message(self) -> object | None:
        """The next message, or None once the idle work's delay passed without one."""
        delay = self.idle_delay() if self.idle_delay is not None and self.on_idle is not None else None
        if delay is None or not self.queue.empty():
            return await self._get()
        # A timer that queues a marker, not asyncio.wait_for: that makes a task and futures per
        # message, cyclic garbage that the server's heap policy would freeze (lsp/heap.py).
        handle = asyncio.get_running_loop().call_later(delay, self.queue.put_nowait, _IDLE)
        try:
            message = await self.queue.get()
        finally:
            handle.cancel()
        # The marker first: no message came for the delay (or one came as it ran out; the idle
        # work gives way to it at once).
        return None if message is _IDLE else message

    async def _get(self) -> object:
        message = await self.queue.get()
        # A marker whose timer ran out as a message arrived, left behind it: not a message.
        while message is _IDLE:
            message = await self.queue.get()
        return message

    async def run(self) -> None:
        while True:
            message = await self.next_message()
            if message is None:
                try:
                    if self.on_idle is not None:
                        self.on_idle(self.pending, self.request_pending)
                except Exception:
                    log.exception("idle work failed")
                continue
            item = self._took(message)
            if item is _EOF:
                return
            messages = [item]
            # Let messages that already arrived on the reader reach the queue, then take them all.
            await asyncio.sleep(0)
            while not self.queue.empty():
                message = self.queue.get_nowait()
                if message is not _IDLE:
                    messages.append(self._took(message))
            cancelled = _cancelled_ids(messages)
            for raw in messages:
                if raw is _EOF:
                    self.after_batch(lambda: False, lambda: False)
                    return
                if cancelled and isinstance(raw, dict) and "method" in raw and _hashable(raw.get("id")) in cancelled:
                    # Its cancellation arrived with it: answer without doing the work.
                    self._send_error(raw["id"], JsonRpcRequestCancelled())
                    continue
                try:
                    self._handle(raw)
                except (SystemExit, KeyboardInterrupt):
                    raise
                except Exception:
                    log.exception("failed to handle a message")
            try:
                self.after_batch(self.pending, self.request_pending)
            except Exception:
                log.exception("analysis failed")


def serve_stdio(
    protocol: JsonRPCProtocol,
    after_batch: AfterBatch,
    stdin: BinaryIO | None = None,
    idle_delay: IdleDelay | None = None,
    on_idle: AfterBatch | None = None,
) -> None:
    stream = stdin or sys.stdin.buffer

    async def main() -> None:
        loop = asyncio.get_running_loop()
        dispatcher = Dispatcher(protocol, after_batch, idle_delay, on_idle)

        def reader() -> None:
            while True:
                body = _read_message(stream)
                # Decoded here so that the dispatcher knows a request is waiting before it takes it.
                message = _EOF if body is None else _decode(body)
                dispatcher.arrived(message)
                loop.call_soon_threadsafe(dispatcher.queue.put_nowait, message)
                if body is None:
                    return

        threading.Thread(target=reader, name="lsp-reader", daemon=True).start()
        await dispatcher.run()

    asyncio.run(main())


def serve_tcp(
    protocol: JsonRPCProtocol,
    after_batch: AfterBatch,
    host: str,
    port: int,
    on_connect: Callable[[asyncio.StreamWriter], None],
    idle_delay: IdleDelay | None = None,
    on_idle: AfterBatch | None = None,
) -> None:
    async def connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        on_connect(writer)
        dispatcher = Dispatcher(protocol, after_batch, idle_delay, on_idle)

        async def pump() -> None:
            while True:
                body = await _read_message_async(reader)
                message = _EOF if body is None else _decode(body)
                dispatcher.arrived(message)
                dispatcher.queue.put_nowait(message)
                if body is None:
                    return

        pump_task = asyncio.ensure_future(pump())
        await dispatcher.run()
        pump_task.cancel()
        # One client per server process, as with stdio: its exit ends the server.
        listening[0].close()

    listening: list[asyncio.Server] = []

    async def main() -> None:
        server = await asyncio.start_server(connection, host, port)
        listening.append(server)
        async with server:
            with contextlib.suppress(asyncio.CancelledError):
                await server.serve_forever()

    asyncio.run(main())


async def _read_message_async(reader: asyncio.StreamReader) -> bytes | None:
    length = -1
    while True:
        header = await reader.readline()
        if not header:
            return None
        if header in (b"\r\n", b"\n"):
            if length >= 0:
                break
            continue
        length = _content_length(header, length)
    try:
        return await reader.readexactly(length)
    except asyncio.IncompleteReadError:
        return None

