"""Real VS Code (code-server 4.100.3 = VS Code 1.100.3) in headless Chromium, with the packaged
extension: the Problems panel shows the server's diagnostic, the Quick Fix menu (Ctrl+.) applies
the fix, Ctrl+S saves it, and the file on disk is read back.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .support import (
    EDITOR_TIMEOUT_S,
    EXPECTED_CODE,
    EXTENSION_DIR,
    FIX_TITLE,
    FLAWED_TEXT,
    INSTALL_HINT,
    ExampleProject,
    assert_fixed,
    missing,
)

CODE_SERVER_VERSION = "4.100.3"
CHROMIUM = Path("/usr/lib/chromium/chromium")
# Set to a path to keep a picture of the Quick Fix menu (the docs' screenshot comes from here).
SCREENSHOT_ENV = "PULUMI_LINT_VSCODE_SCREENSHOT"
UI_TIMEOUT_MS = EDITOR_TIMEOUT_S * 1000


def editor_cache() -> Path:
    configured = os.environ.get("PULUMI_LINT_EDITOR_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pulumi-lint-editors"


def find_code_server() -> Path | None:
    """The copy .ci/install-editors.sh puts in the cache, else one on PATH."""
    cached = editor_cache() / f"code-server-{CODE_SERVER_VERSION}" / "node_modules" / ".bin" / "code-server"
    if cached.exists():
        return cached
    on_path = shutil.which("code-server")
    return Path(on_path) if on_path else None


@pytest.fixture(scope="session")
def vsix(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Packages the extension from the current sources, exactly as `npm run package` does."""
    if not (EXTENSION_DIR / "node_modules" / ".bin" / "vsce").exists():
        missing("the extension's npm packages", f"cd editor-extension && npm ci (or {INSTALL_HINT})")
    out = tmp_path_factory.mktemp("vsix") / "pulumi-lint.vsix"
    subprocess.run(
        ["npx", "--no-install", "vsce", "package", "--no-dependencies", "--out", str(out)],
        cwd=EXTENSION_DIR,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return out


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def user_settings() -> dict[str, Any]:
    return {
        # Otherwise TypeScript's own "Cannot find module" errors fill the Problems panel.
        "typescript.validate.enable": False,
        "javascript.validate.enable": False,
        # The server runs from the interpreter running the tests: exercises the interpreter setting.
        "pulumiLint.interpreter": [sys.executable],
        "workbench.startupEditor": "none",
        "workbench.tips.enabled": False,
        "workbench.welcomePage.walkthroughs.openOnInstall": False,
        "security.workspace.trust.enabled": False,
        "extensions.autoCheckUpdates": False,
        "extensions.autoUpdate": False,
        "update.mode": "none",
        "telemetry.telemetryLevel": "off",
        "git.enabled": False,
        "chat.commandCenter.enabled": False,
        "editor.minimap.enabled": False,
        "files.autoSave": "off",
    }


class CodeServer:
    def __init__(self, binary: Path, home: Path, vsix: Path, project: Path) -> None:
        self.binary = binary
        self.user_data = home / "user-data"
        self.extensions = home / "extensions"
        self.log_file = home / "code-server.log"
        self.project = project
        self.port = free_port()
        self.env = {
            **os.environ,
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DATA_HOME": str(home / "data"),
        }
        settings = self.user_data / "User" / "settings.json"
        settings.parent.mkdir(parents=True)
        settings.write_text(json.dumps(user_settings(), indent=2), encoding="utf-8")
        subprocess.run(
            [
                binary,
                "--user-data-dir",
                self.user_data,
                "--extensions-dir",
                self.extensions,
                "--install-extension",
                vsix,
            ],
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> str:
        with self.log_file.open("wb") as log:
            # Own process group: the extension host and the server outlive a plain kill of the parent.
            self.proc = subprocess.Popen(
                [
                    self.binary,
                    "--bind-addr",
                    f"127.0.0.1:{self.port}",
                    "--auth",
                    "none",
                    "--disable-telemetry",
                    "--disable-update-check",
                    "--disable-workspace-trust",
                    "--user-data-dir",
                    self.user_data,
                    "--extensions-dir",
                    self.extensions,
                ],
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + EDITOR_TIMEOUT_S
        while True:
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=2):
                    break
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"code-server did not start:\n{self.logs()}") from None
                time.sleep(0.2)
        return f"{url}/?folder={self.project}"

    def stop(self) -> None:
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=10)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def extension_output(self) -> str:
        """The extension's LogOutputChannel as VS Code saved it."""
        logs = sorted(self.user_data.glob("logs/*/exthost*/**/Pulumi Lint*.log"))
        return "\n".join(p.read_text(errors="replace") for p in logs)

    def logs(self) -> str:
        parts = [f"--- code-server.log\n{self.log_file.read_text(errors='replace')[-2000:]}"]
        for pattern in ("logs/*/exthost*/remoteexthost.log", "logs/*/exthost*/**/Pulumi Lint*.log"):
            for path in sorted(self.user_data.glob(pattern)):
                parts.append(f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}")
        return "\n".join(parts)


@pytest.fixture
def code_server(vsix: Path, example_project: ExampleProject, tmp_path: Path) -> Iterator[CodeServer]:
    binary = find_code_server()
    if binary is None:
        missing(f"code-server {CODE_SERVER_VERSION}", INSTALL_HINT)
    assert binary is not None
    server = CodeServer(binary, tmp_path / "vscode", vsix, example_project.root)
    try:
        yield server
    finally:
        server.stop()


def flaw_position(text: str) -> tuple[int, int]:
    """1-based line and column of the flawed key, for Go to Line."""
    offset = text.index(FLAWED_TEXT)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def test_vscode_quick_fix(code_server: CodeServer, example_project: ExampleProject, tmp_path: Path) -> None:
    try:
        from playwright.sync_api import TimeoutError as PlaywrightTimeout
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright (Python)", "pip install playwright (no browser download needed)")
    if not CHROMIUM.exists():
        missing("Chromium", "apt-get install -y chromium")

    before = example_project.read()
    line, column = flaw_position(before)
    started = time.monotonic()
    url = code_server.start()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        try:
            page.goto(url)
            page.wait_for_selector(".monaco-workbench", timeout=UI_TIMEOUT_MS)

            # Open the file the way a user does: Quick Open.
            page.keyboard.press("Control+P")
            page.wait_for_selector(".quick-input-widget input", timeout=UI_TIMEOUT_MS)
            page.keyboard.type(example_project.flawed_file.name)
            page.wait_for_selector(".quick-input-list .monaco-list-row", timeout=UI_TIMEOUT_MS)
            page.keyboard.press("Enter")
            page.wait_for_selector(".editor-instance .monaco-editor .view-lines", timeout=UI_TIMEOUT_MS)

            # The Problems panel lists our diagnostic with its rule code.
            page.keyboard.press("Control+Shift+M")
            problem = page.locator(".markers-panel .monaco-list-row", has_text=EXPECTED_CODE)
            problem.first.wait_for(timeout=UI_TIMEOUT_MS)
            problem_text = problem.first.inner_text()
            assert FLAWED_TEXT.rstrip(":") in problem_text, problem_text

            # Cursor onto the flaw, then the Quick Fix menu.
            page.locator(".editor-instance .monaco-editor .view-lines").first.click()
            page.keyboard.press("Control+G")
            page.wait_for_selector(".quick-input-widget input", timeout=UI_TIMEOUT_MS)
            page.keyboard.type(f"{line}:{column}")
            page.keyboard.press("Enter")
            # A user waits for the light bulb, then opens the menu. VS Code recomputes code actions
            # on every cursor or marker change and cancels the older request; a Ctrl+. that lands
            # in that churn shows "No code actions available", and the user presses it again.
            page.locator(".lightBulbWidget").first.wait_for(timeout=UI_TIMEOUT_MS)
            menu = page.locator(".action-widget")
            fix_row = menu.locator(".monaco-list-row", has_text=FIX_TITLE).first
            for attempt in range(1, 4):
                page.keyboard.press("Control+.")
                try:
                    fix_row.wait_for(timeout=5000)
                    break
                except PlaywrightTimeout:
                    page.keyboard.press("Escape")
                    if attempt == 3:
                        raise
            quick_fix_attempts = attempt
            shot = os.environ.get(SCREENSHOT_ENV)
            if shot:
                page.screenshot(path=shot)

            # Pick the fix by its title with the keyboard: newer VS Code adds items of its own.
            focused = menu.locator(".monaco-list-row.focused")
            rows = menu.locator(".monaco-list-row").count()
            for _ in range(rows):
                if FIX_TITLE in focused.inner_text():
                    break
                page.keyboard.press("ArrowDown")
            assert FIX_TITLE in focused.inner_text(), menu.inner_text()
            page.keyboard.press("Enter")
            page.wait_for_selector(".action-widget", state="hidden", timeout=UI_TIMEOUT_MS)

            page.keyboard.press("Control+S")
            deadline = time.monotonic() + EDITOR_TIMEOUT_S
            while FLAWED_TEXT in example_project.flawed_file.read_text(encoding="utf-8"):
                assert time.monotonic() < deadline, "the fixed file was not saved"
                time.sleep(0.1)
        except Exception as error:
            page.screenshot(path=str(tmp_path / "failure.png"))
            raise AssertionError(
                f"{error}\nscreenshot: {tmp_path / 'failure.png'}\n{code_server.logs()}"
            ) from error
        finally:
            browser.close()
    elapsed = time.monotonic() - started

    assert_fixed(example_project, before)
    # The server came from the interpreter setting, as configured.
    output = code_server.extension_output()
    assert "from pulumiLint.interpreter" in output, code_server.logs()
    print(
        f"VS Code {CODE_SERVER_VERSION}: quick fix round trip in {elapsed:.1f} s "
        f"(Quick Fix menu opened on attempt {quick_fix_attempts})"
    )
