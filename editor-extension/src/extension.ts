import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  type DocumentSelector,
  LanguageClient,
  type LanguageClientOptions,
  RevealOutputChannelOn,
  type ServerOptions,
} from 'vscode-languageclient/node';

import {
  CLIENT_ID,
  CLIENT_NAME,
  DIAGNOSTIC_SOURCE,
  FIX_ALL_KIND,
  INSTALL_COMMAND,
  INSTALL_HELP_URL,
  RESTART_SETTINGS,
  ruleDocumentationUrl,
  SECTION,
} from './constants';
import { locateServer } from './locator';
import { onInterpreterChange } from './python';

const PULUMI_YAML_GLOB = '**/Pulumi*.yaml';

const DOCUMENT_SELECTOR: DocumentSelector = [
  { scheme: 'file', language: 'typescript' },
  { scheme: 'file', language: 'typescriptreact' },
  { scheme: 'untitled', language: 'typescript' },
  { scheme: 'untitled', language: 'typescriptreact' },
  { scheme: 'file', language: 'yaml', pattern: PULUMI_YAML_GLOB },
];

const RULE_CODE = /^[A-Za-z]+[0-9]+$/;

function isPulumiYaml(document: vscode.TextDocument): boolean {
  return /^Pulumi.*\.yaml$/.test(path.basename(document.uri.fsPath));
}

/** Owns the one language client of the window; starts and stops run one after another. */
class ServerManager {
  private client: LanguageClient | undefined;
  private queue: Promise<void> = Promise.resolve();
  private interpreterListener: vscode.Disposable | undefined;
  private started = false;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  get running(): LanguageClient | undefined {
    return this.client?.isRunning() ? this.client : undefined;
  }

  get hasStarted(): boolean {
    return this.started;
  }

  restart(reason: string): Promise<void> {
    this.started = true;
    this.queue = this.queue
      .then(() => this.doRestart(reason))
      .catch((error: unknown) => {
        this.log.error(`Could not start the server: ${error instanceof Error ? error.message : String(error)}`);
        void vscode.window
          .showErrorMessage(`${CLIENT_NAME}: the server failed to start. See the output for details.`, 'Show Output')
          .then((choice) => choice && this.log.show());
      });
    return this.queue;
  }

  stop(): Promise<void> {
    this.queue = this.queue.then(() => this.stopClient());
    return this.queue;
  }

  private async stopClient(): Promise<void> {
    this.interpreterListener?.dispose();
    this.interpreterListener = undefined;
    const client = this.client;
    this.client = undefined;
    if (client) {
      try {
        await client.stop(5000);
      } catch (error) {
        this.log.warn(`Stopping the server: ${String(error)}`);
      }
      await client.dispose();
    }
  }

  private async doRestart(reason: string): Promise<void> {
    await this.stopClient();
    this.log.info(`Looking for the server (${reason})`);
    const { server, rejected } = await locateServer(this.log);
    for (const line of rejected) {
      this.log.warn(`Skipped ${line}`);
    }
    if (!server) {
      this.log.error(`No pulumi-lint server found. Install it with: ${INSTALL_COMMAND}`);
      this.notifyMissing();
      return;
    }
    this.log.info(`Starting ${server.command} ${server.args.join(' ')} (from ${server.source})`);

    const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const serverOptions: ServerOptions = {
      command: server.command,
      args: server.args,
      // No `transport`: TransportKind.stdio would append `--stdio` to the command line, which
      // `pulumi-lint server` does not take (stdio is its only transport).
      // UTF-8 stdio whatever the system locale, so non-ASCII source text survives on Windows.
      options: { cwd, env: { ...process.env, PYTHONUTF8: '1', PYTHONIOENCODING: 'utf-8' } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: this.log,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      // Settings reach the server through workspace/configuration; this only tells it when the
      // section changed, so it can ask again.
      synchronize: { configurationSection: SECTION },
      // No `workspaceFolder`: that would pin the client to one folder and hide the others of a
      // multi-root workspace from the server.
    };
    const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
    this.client = client;
    if (server.fromPythonExtension) {
      this.interpreterListener = await onInterpreterChange(() => {
        void this.restart('the Python extension changed interpreter');
      });
    }
    await client.start();
    const info = client.initializeResult?.serverInfo;
    this.log.info(`Server running: ${info?.name ?? 'pulumi-lint'} ${info?.version ?? ''}`.trimEnd());
  }

  private notifyMissing(): void {
    const help = 'How to Install';
    void vscode.window
      .showErrorMessage(
        `${CLIENT_NAME}: the pulumi-lint server was not found. Install it into your project's Python ` +
          `environment with \`${INSTALL_COMMAND}\`, or point the setting ${SECTION}.server.path at it.`,
        help,
        'Show Output',
      )
      .then((choice) => {
        if (choice === help) {
          void vscode.env.openExternal(vscode.Uri.parse(INSTALL_HELP_URL));
        } else if (choice) {
          this.log.show();
        }
      });
  }
}

const FIX_ALL_ATTEMPTS = 3;

function isCancellation(error: unknown): boolean {
  return error instanceof Error && (error.name === 'Canceled' || error.message === 'Canceled');
}

async function fixAll(manager: ServerManager): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(`${CLIENT_NAME}: open a file to fix.`);
    return;
  }
  if (!manager.running) {
    void vscode.window.showWarningMessage(`${CLIENT_NAME}: the server is not running.`);
    return;
  }
  const document = editor.document;
  const kind = vscode.CodeActionKind.SourceFixAll.append('pulumi-lint');
  const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  // The last argument asks VS Code to resolve lazily computed edits of the returned action.
  const request = async (): Promise<vscode.CodeAction[]> =>
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      whole,
      FIX_ALL_KIND,
      1,
    )) ?? [];
  let actions: vscode.CodeAction[] = [];
  for (let attempt = 1; ; attempt++) {
    try {
      actions = await request();
      break;
    } catch (error) {
      // A request still queued behind the server's first analyses can be cancelled on the way;
      // the user asked for the fixes, so ask again rather than report "Canceled".
      if (!isCancellation(error) || attempt === FIX_ALL_ATTEMPTS) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
  const action = actions.find((candidate) => candidate.kind && kind.contains(candidate.kind));
  if (!action || (!action.edit && !action.command)) {
    void vscode.window.showInformationMessage(`${CLIENT_NAME}: nothing to fix.`);
    return;
  }
  if (action.edit && !(await vscode.workspace.applyEdit(action.edit))) {
    void vscode.window.showErrorMessage(`${CLIENT_NAME}: the fixes could not be applied.`);
    return;
  }
  if (action.command) {
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  }
}

/** The code (and documentation link, if the server sent one) of our diagnostic under the cursor. */
function diagnosticAtCursor(): { code: string; href?: vscode.Uri } | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    return undefined;
  }
  const position = editor.selection.active;
  // All collections, not only the client's push one: with pull diagnostics (LSP 3.17) the client
  // keeps them in a collection of the diagnostic feature.
  for (const diagnostic of vscode.languages.getDiagnostics(editor.document.uri)) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || !diagnostic.range.contains(position) || diagnostic.code === undefined) {
      continue;
    }
    if (typeof diagnostic.code === 'object') {
      return { code: String(diagnostic.code.value), href: diagnostic.code.target };
    }
    return { code: String(diagnostic.code) };
  }
  return undefined;
}

async function showRuleDocumentation(code?: unknown): Promise<void> {
  const here = diagnosticAtCursor();
  let chosen = typeof code === 'string' ? code : undefined;
  if (!chosen) {
    chosen = await vscode.window.showInputBox({
      title: `${CLIENT_NAME}: Show Rule Documentation`,
      prompt: 'Rule code',
      placeHolder: 'AWS001',
      value: here?.code ?? '',
      validateInput: (value) => (RULE_CODE.test(value.trim()) ? undefined : 'A rule code looks like AWS001.'),
    });
  }
  if (!chosen) {
    return;
  }
  const normalized = chosen.trim().toUpperCase();
  const target =
    here?.href && here.code.toUpperCase() === normalized ? here.href : vscode.Uri.parse(ruleDocumentationUrl(normalized));
  await vscode.env.openExternal(target);
}

async function workspaceHasPulumiProject(): Promise<boolean> {
  if (vscode.workspace.textDocuments.some(isPulumiYaml)) {
    return true;
  }
  const found = await vscode.workspace.findFiles(PULUMI_YAML_GLOB, '**/node_modules/**', 1);
  return found.length > 0;
}

let activeManager: ServerManager | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  const manager = new ServerManager(log);
  activeManager = manager;
  context.subscriptions.push(log);

  context.subscriptions.push(
    vscode.commands.registerCommand('pulumiLint.restart', () => manager.restart('restart command')),
    vscode.commands.registerCommand('pulumiLint.showOutput', () => log.show()),
    vscode.commands.registerCommand('pulumiLint.fixAll', () => fixAll(manager)),
    vscode.commands.registerCommand('pulumiLint.showRuleDocumentation', (code?: unknown) =>
      showRuleDocumentation(code),
    ),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (manager.hasStarted && RESTART_SETTINGS.some((key) => event.affectsConfiguration(`${SECTION}.${key}`))) {
        void manager.restart('server settings changed');
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      // Workspace values of the restricted settings apply only from now on.
      if (manager.hasStarted) {
        void manager.restart('workspace trusted');
      }
    }),
  );

  // Activation by `onLanguage:yaml` covers any YAML file; start only for a Pulumi project.
  if (await workspaceHasPulumiProject()) {
    void manager.restart('activation');
    return;
  }
  const waiting = vscode.workspace.onDidOpenTextDocument((document) => {
    if (isPulumiYaml(document) && !manager.hasStarted) {
      waiting.dispose();
      void manager.restart('a Pulumi YAML file was opened');
    }
  });
  context.subscriptions.push(waiting);
}

export function deactivate(): Thenable<void> | undefined {
  // Returning the promise lets VS Code wait for the server's orderly shutdown before it exits.
  const manager = activeManager;
  activeManager = undefined;
  return manager?.stop();
}
