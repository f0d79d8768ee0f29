"""A small Language Server Protocol client over stdio, standard library only: it starts a
real language server, opens files in it and reads the diagnostics it publishes, as an
editor does. Every wait has a deadline, so a server that hangs fails the test instead of
hanging CI; its stderr is in the failure message."""

from __future__ import annotations

import itertools
import json
import os
import queue
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import IO, Any
from urllib.parse import unquote

Message = dict[str, Any]


class LanguageServer:
    """One server process, initialised for the folder `root`, with `settings` as the answer
    to its workspace/configuration requests (section by section, as VS Code answers)."""

    def __init__(self, command: list[str], root: Path, settings: dict[str, Any], *,
                 env: dict[str, str] | None = None, timeout: float = 60.0) -> None:
        self._settings, self._timeout, self._ids = settings, timeout, itertools.count(1)
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the server
        self._process = subprocess.Popen(command, stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=self._stderr, env=env)
        self._inbox: queue.Queue[Message | None] = queue.Queue()
        assert self._process.stdout is not None
        threading.Thread(target=self._read, args=(self._process.stdout,), daemon=True).start()
        self._configured = False
        self._versions: dict[str, int] = {}
        try:
            self.request("initialize", {
                "processId": os.getpid(), "rootUri": root.as_uri(),
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
                "capabilities": {"workspace": {"configuration": True},
                                 "textDocument": {"publishDiagnostics": {}}}})
            self.notify("initialized", {})
            self.notify("workspace/didChangeConfiguration", {"settings": settings})
            # The server pulls its settings; files opened before it has them would be
            # checked with its defaults (a schema store fetched from the network).
            deadline = time.monotonic() + self._timeout
            while not self._configured:
                self._handle(self._next(deadline, "its settings request"))
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> LanguageServer:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def request(self, method: str, params: Any) -> Any:
        """Send a request and wait for its result."""
        ident = next(self._ids)
        self._send({"id": ident, "method": method, "params": params})
        deadline = time.monotonic() + self._timeout
        while True:
            message = self._next(deadline, method)
            if message.get("id") == ident and "method" not in message:
                if "error" in message:
                    raise AssertionError(f"{method}: {message['error']}{self._log()}")
                return message.get("result")
            self._handle(message)

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def diagnostics(self, path: Path, language: str = "yaml") -> list[dict[str, Any]]:
        """The diagnostics the server publishes for the file as it is now: opened as an
        editor opens it, or, when open, its whole text changed as an editor sends it.
        Never closed: a server clears a closed file's diagnostics with an empty list,
        which would pass for the answer to the next look at that file."""
        uri, text = path.as_uri(), path.read_text(encoding="utf-8-sig")
        version = self._versions[uri] = self._versions.get(uri, 0) + 1
        if version == 1:
            self.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": language, "version": version, "text": text}})
        else:
            self.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": text}]})
        deadline = time.monotonic() + self._timeout
        while True:
            message = self._next(deadline, f"diagnostics for {path}")
            params = message.get("params") or {}
            if (message.get("method") == "textDocument/publishDiagnostics"
                    and unquote(params.get("uri", "")) == unquote(uri)
                    and params.get("version", version) == version):
                return list(params["diagnostics"])
            self._handle(message)

    def close(self) -> None:
        """Ask the server to stop; end it if it does not."""
        if self._stderr.closed:
            return
        try:
            if self._process.poll() is None:
                self._timeout = min(self._timeout, 10.0)
                self.request("shutdown", None)
                self.notify("exit", None)
        except (AssertionError, OSError):
            pass
        finally:
            if self._process.stdin:
                self._process.stdin.close()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=10)
            if self._process.stdout:
                self._process.stdout.close()
            self._stderr.close()

    def _handle(self, message: Message) -> None:
        """Answer what the server asks of the editor; other notifications are not needed."""
        if "id" not in message or "method" not in message:
            return
        result: Any = None
        if message["method"] == "workspace/configuration":
            result = [self._settings.get(item.get("section"), {})
                      for item in message["params"]["items"]]
            self._configured = True
        self._send({"id": message["id"], "result": result})

    def _send(self, message: Message) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self._process.stdin is not None
        self._process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self._process.stdin.flush()

    def _next(self, deadline: float, waiting_for: str) -> Message:
        try:
            message = self._inbox.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise AssertionError(f"no answer from the language server within "
                                 f"{self._timeout:.0f} s, waiting for {waiting_for}"
                                 f"{self._log()}") from None
        if message is None:
            raise AssertionError(f"the language server stopped, waiting for {waiting_for}"
                                 f"{self._log()}")
        return message

    def _read(self, stream: IO[bytes]) -> None:
        """Messages as the server frames them: headers, a blank line, Content-Length bytes.
        None when the output ends or is not LSP (the waiting test then fails)."""
        try:
            while True:
                headers = {}
                while (line := stream.readline()) not in (b"\r\n", b"\n"):
                    if not line:  # the server closed its output
                        raise EOFError
                    name, _, value = line.decode("ascii").partition(":")
                    headers[name.strip().lower()] = value.strip()
                self._inbox.put(json.loads(stream.read(int(headers["content-length"]))))
        except (EOFError, OSError, ValueError, KeyError):
            self._inbox.put(None)

    def _log(self) -> str:
        self._stderr.seek(0)
        text = self._stderr.read().decode("utf-8", "replace").strip()
        return f"\nserver stderr:\n{text}" if text else ""
