"""Real VS Code (code-server 4.100.3 = VS Code 1.100.3) in headless Chromium, with the packaged
extension: the Problems panel shows the server's diagnostic, the Fix All command applies the safe
fixes, the Quick Fix menu (Ctrl+.) applies the AWS001 fix, Ctrl+S saves, and the file on disk is
read back. A second test starts VS Code where no server can be found.
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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

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

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # reported by browser_page(), as a skip or, in CI, a failure
    PlaywrightTimeout = TimeoutError  # type: ignore[misc,assignment]

if TYPE_CHECKING:
    from playwright.sync_api import Page, Request

CODE_SERVER_VERSION = "4.100.3"
CHROMIUM = Path("/usr/lib/chromium/chromium")
# Set to a path to keep a picture of the Quick Fix menu (the docs' screenshot comes from here).
SCREENSHOT_ENV = "PULUMI_LINT_VSCODE_SCREENSHOT"
UI_TIMEOUT_MS = EDITOR_TIMEOUT_S * 1000
# A PATH without the test virtualenv, for the test where no server may be found.
SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin"


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
    """Packages the extension from the current sources with `npm run package`."""
    if not (EXTENSION_DIR / "node_modules" / ".bin" / "vsce").exists():
        missing("the extension's npm packages", f"cd editor-extension && npm ci (or {INSTALL_HINT})")
    built = EXTENSION_DIR / "pulumi-lint.vsix"
    built.unlink(missing_ok=True)
    proc = subprocess.run(
        ["npm", "run", "package"], cwd=EXTENSION_DIR, capture_output=True, text=True, timeout=300, check=False
    )
    if proc.returncode != 0:
        pytest.fail(f"npm run package failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}", pytrace=False)
    out = tmp_path_factory.mktemp("vsix") / built.name
    shutil.move(built, out)
    return out


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def user_settings(**extra: Any) -> dict[str, Any]:
    return {
        # Otherwise TypeScript's own "Cannot find module" errors fill the Problems panel.
        "typescript.validate.enable": False,
        "javascript.validate.enable": False,
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
        **extra,
    }


class CodeServer:
    def __init__(self, binary: Path, home: Path, vsix: Path, project: Path, settings: dict[str, Any]) -> None:
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
        self.settings_file = self.user_data / "User" / "settings.json"
        self.settings_file.parent.mkdir(parents=True)
        self.write_settings(settings)
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

    def write_settings(self, settings: dict[str, Any]) -> None:
        self.settings_file.write_text(json.dumps(settings, indent=2), encoding="utf-8")

    def start(self, path: str | None = None) -> str:
        env = self.env if path is None else {**self.env, "PATH": path}
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
                env=env,
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


MakeCodeServer = Callable[[Path, dict[str, Any]], CodeServer]


@pytest.fixture
def make_code_server(vsix: Path, tmp_path: Path) -> Iterator[MakeCodeServer]:
    binary = find_code_server()
    if binary is None:
        missing(f"code-server {CODE_SERVER_VERSION}", INSTALL_HINT)
    assert binary is not None
    started: list[CodeServer] = []

    def make(project: Path, settings: dict[str, Any]) -> CodeServer:
        server = CodeServer(binary, tmp_path / f"vscode{len(started)}", vsix, project, settings)
        started.append(server)
        return server

    try:
        yield make
    finally:
        for server in started:
            server.stop()


@contextmanager
def browser_page(code_server: CodeServer, url: str, tmp_path: Path) -> Iterator[Page]:
    """A Chromium page on the workbench; on failure, the error carries a screenshot and the logs."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright (Python)", "pip install playwright (no browser download needed)")
    if not CHROMIUM.exists():
        missing("Chromium", "apt-get install -y chromium")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        try:
            page.goto(url)
            page.wait_for_selector(".monaco-workbench", timeout=UI_TIMEOUT_MS)
            yield page
        except Exception as error:
            shot = tmp_path / "failure.png"
            page.screenshot(path=str(shot))
            raise AssertionError(f"{error}\nscreenshot: {shot}\n{code_server.logs()}") from error
        finally:
            browser.close()


def quick_input(page: Page, key: str, text: str, pick: str | None = None) -> None:
    """Opens Quick Open / Go to Line / the Command Palette with `key`, types `text`, and accepts
    it, once the list shows `pick` when given."""
    page.keyboard.press(key)
    page.wait_for_selector(".quick-input-widget input", timeout=UI_TIMEOUT_MS)
    page.keyboard.type(text)
    if pick is not None:
        page.locator(".quick-input-list .monaco-list-row", has_text=pick).first.wait_for(timeout=UI_TIMEOUT_MS)
    page.keyboard.press("Enter")


def wait_for_disk(path: Path, changed_from: str) -> str:
    deadline = time.monotonic() + EDITOR_TIMEOUT_S
    while (text := path.read_text(encoding="utf-8")) == changed_from:
        assert time.monotonic() < deadline, f"{path.name} was not saved with a change"
        time.sleep(0.1)
    return text


def flaw_position(text: str) -> tuple[int, int]:
    """1-based line and column of the flawed key, for Go to Line."""
    offset = text.index(FLAWED_TEXT)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def open_rule_documentation(page: Page) -> str:
    """Runs Show Rule Documentation, accepts the code it suggests; returns the URL it opened."""
    title = "Pulumi Lint: Show Rule Documentation"
    quick_input(page, "Control+Shift+P", title, pick=title)
    code_input = page.locator(".quick-input-widget input")
    code_input.wait_for(timeout=UI_TIMEOUT_MS)
    deadline = time.monotonic() + EDITOR_TIMEOUT_S
    while code_input.input_value() != EXPECTED_CODE:
        assert time.monotonic() < deadline, f"suggested code {code_input.input_value()!r}"
        time.sleep(0.05)
    # The page opens in a new tab, where loading fails (no network beyond the registries; and
    # Chromium does not route the navigation of a noopener tab): the request tells the URL.
    requested: list[str] = []

    def record(request: Request) -> None:
        if not request.url.startswith("http://127.0.0.1"):
            requested.append(request.url)

    page.context.on("request", record)
    with page.context.expect_page(timeout=UI_TIMEOUT_MS) as opened:
        page.keyboard.press("Enter")
        # VS Code asks before opening a site outside its trusted domains.
        confirm = page.locator(".monaco-dialog-box .monaco-button", has_text="Open").first
        try:
            confirm.wait_for(timeout=3000)
            confirm.click()
        except PlaywrightTimeout:
            pass
    opened.value.wait_for_load_state()
    page.context.remove_listener("request", record)
    assert requested, f"no page was requested; the new tab shows {opened.value.url}"
    url = requested[0]
    opened.value.close()
    return url


def wait_for_light_bulb(page: Page) -> None:
    """The light bulb at the cursor. VS Code asks for code actions when the cursor or the markers
    change and drops answers to requests it cancelled; a user who sees no bulb moves the cursor."""
    bulb = page.locator(".lightBulbWidget").first
    for _ in range(3):
        try:
            bulb.wait_for(timeout=UI_TIMEOUT_MS // 3)
            return
        except PlaywrightTimeout:
            page.keyboard.press("ArrowRight")
            page.keyboard.press("ArrowLeft")
    bulb.wait_for(timeout=UI_TIMEOUT_MS // 3)


def open_quick_fix_menu(page: Page) -> int:
    """Ctrl+. once the light bulb shows; returns the attempt that showed our fix."""
    # VS Code recomputes code actions on every cursor or marker change and cancels the older
    # request; a Ctrl+. that lands in that churn shows "No code actions available", and a user
    # presses it again.
    wait_for_light_bulb(page)
    fix_row = page.locator(".action-widget .monaco-list-row", has_text=FIX_TITLE).first
    for attempt in range(1, 4):
        page.keyboard.press("Control+.")
        try:
            fix_row.wait_for(timeout=5000)
            return attempt
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    raise AssertionError(f"the Quick Fix menu never offered {FIX_TITLE!r}")


def pick_in_menu(page: Page, title: str) -> None:
    """Moves the keyboard focus down the action menu to `title` and accepts it."""
    menu = page.locator(".action-widget")
    focused = menu.locator(".monaco-list-row.focused")
    for _ in range(menu.locator(".monaco-list-row").count()):
        if title in focused.inner_text():
            break
        page.keyboard.press("ArrowDown")
    assert title in focused.inner_text(), menu.inner_text()
    page.keyboard.press("Enter")
    page.wait_for_selector(".action-widget", state="hidden", timeout=UI_TIMEOUT_MS)


def test_vscode_fix_all_and_quick_fix(
    make_code_server: Callable[[Path, dict[str, Any]], CodeServer],
    example_project: ExampleProject,
    tmp_path: Path,
) -> None:
    # The server runs from the interpreter running the tests: exercises the interpreter setting.
    code_server = make_code_server(example_project.root, user_settings(**{"pulumiLint.interpreter": [sys.executable]}))
    original = example_project.read()
    started = time.monotonic()
    url = code_server.start()
    with browser_page(code_server, url, tmp_path) as page:
        name = example_project.flawed_file.name
        quick_input(page, "Control+P", name, pick=name)
        page.wait_for_selector(".editor-instance .monaco-editor .view-lines", timeout=UI_TIMEOUT_MS)

        # The Problems panel lists our diagnostic with its rule code.
        page.keyboard.press("Control+Shift+M")
        # Workspace diagnostics list every file's problems, and the panel renders only the rows
        # in view: filter it down to our code.
        page.get_by_placeholder("Filter (e.g.").first.fill(EXPECTED_CODE)
        problem = page.locator(".markers-panel .monaco-list-row", has_text=EXPECTED_CODE).first
        problem.wait_for(timeout=UI_TIMEOUT_MS)
        assert FLAWED_TEXT.rstrip(":") in problem.inner_text()
        shown = time.monotonic() - started

        # Fix All applies the safe fixes only: the AWS001 rename is unsafe and stays for later.
        page.locator(".editor-instance .monaco-editor .view-lines").first.click()
        quick_input(page, "Control+Shift+P", "Pulumi Lint: Fix All", pick="Pulumi Lint: Fix All")
        page.wait_for_selector(".tab.active.dirty", timeout=UI_TIMEOUT_MS)
        page.keyboard.press("Control+S")
        after_fix_all = wait_for_disk(example_project.flawed_file, original)
        assert FLAWED_TEXT in after_fix_all

        # Cursor onto the flaw. Show Rule Documentation offers the code under the cursor and
        # opens the rule's page.
        line, column = flaw_position(after_fix_all)
        quick_input(page, "Control+G", f"{line}:{column}")
        wait_for_light_bulb(page)
        doc_url = open_rule_documentation(page)
        assert doc_url.endswith(f"/{EXPECTED_CODE}.md"), doc_url

        # The Quick Fix menu; pick the fix by its title with the keyboard (newer VS Code adds
        # items of its own to that menu).
        attempts = open_quick_fix_menu(page)
        shot = os.environ.get(SCREENSHOT_ENV)
        if shot:
            page.screenshot(path=shot)
        pick_in_menu(page, FIX_TITLE)
        page.keyboard.press("Control+S")
        wait_for_disk(example_project.flawed_file, after_fix_all)
    elapsed = time.monotonic() - started

    assert_fixed(example_project, after_fix_all)
    output = code_server.extension_output()
    assert "from pulumiLint.interpreter" in output, code_server.logs()
    print(
        f"VS Code {CODE_SERVER_VERSION}: diagnostic shown after {shown:.1f} s, Fix All and quick fix "
        f"round trip in {elapsed:.1f} s (Quick Fix menu on attempt {attempts})"
    )


def test_vscode_missing_server_then_setting(
    make_code_server: Callable[[Path, dict[str, Any]], CodeServer],
    example_project: ExampleProject,
    tmp_path: Path,
) -> None:
    missing_python = tmp_path / "no-such-venv" / "bin" / "python"
    code_server = make_code_server(
        example_project.root, user_settings(**{"pulumiLint.interpreter": [str(missing_python)]})
    )
    url = code_server.start(path=SYSTEM_PATH)
    assert shutil.which("pulumi-lint", path=SYSTEM_PATH) is None, "pulumi-lint is installed system-wide"
    with browser_page(code_server, url, tmp_path) as page:
        toast = page.locator(".notification-toast", has_text="pulumi-lint server was not found").first
        toast.wait_for(timeout=UI_TIMEOUT_MS)
        assert "pip install pulumi-lint" in toast.inner_text()
        toast.locator(".monaco-button", has_text="How to Install").wait_for(timeout=UI_TIMEOUT_MS)

        # Pointing the setting at a Python that has the server restarts it: no reload needed.
        # (Workspace settings: code-server does not notice edits to the user settings file.)
        name = example_project.flawed_file.name
        quick_input(page, "Control+P", name, pick=name)
        workspace_settings = example_project.root / ".vscode" / "settings.json"
        workspace_settings.parent.mkdir(exist_ok=True)
        workspace_settings.write_text(json.dumps({"pulumiLint.interpreter": [sys.executable]}), encoding="utf-8")
        page.keyboard.press("Control+Shift+M")
        # Workspace diagnostics list every file's problems, and the panel renders only the rows
        # in view: filter it down to our code.
        page.get_by_placeholder("Filter (e.g.").first.fill(EXPECTED_CODE)
        problem = page.locator(".markers-panel .monaco-list-row", has_text=EXPECTED_CODE).first
        problem.wait_for(timeout=UI_TIMEOUT_MS)
    output = code_server.extension_output()
    assert f"Skipped pulumiLint.interpreter: {missing_python} is not an executable file" in output, output
    assert "Skipped PATH: no pulumi-lint executable" in output, output
    assert "Looking for the server (server settings changed)" in output, output
