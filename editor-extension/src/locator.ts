import { execFile } from 'node:child_process';
import { constants as fsConstants, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

import { SECTION, SERVER_ARGS, SERVER_EXECUTABLE, SERVER_MODULE } from './constants';
import { selectedInterpreter } from './python';

/** How the server gets started, and which setting or lookup produced it (for the log). */
export interface ServerCommand {
  readonly command: string;
  readonly args: string[];
  readonly source: string;
  /** True when the command came from the Python extension, so its interpreter changes matter. */
  readonly fromPythonExtension: boolean;
}

/** Why each candidate was rejected, for the log and the notification. */
export interface LocateResult {
  readonly server: ServerCommand | undefined;
  readonly rejected: string[];
}

const IMPORT_CHECK_TIMEOUT_MS = 15_000;

function expand(value: string, folder: vscode.WorkspaceFolder | undefined): string {
  let result = value;
  if (folder) {
    result = result.split('${workspaceFolder}').join(folder.uri.fsPath);
  }
  if (result === '~' || result.startsWith('~/') || result.startsWith('~\\')) {
    result = path.join(os.homedir(), result.slice(1));
  }
  return result;
}

/** Accepts the documented array form, and a plain string, which users write by habit. */
function commandLine(value: unknown, folder: vscode.WorkspaceFolder | undefined): string[] {
  const parts = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  return parts
    .filter((part): part is string => typeof part === 'string')
    .map((part) => expand(part.trim(), folder))
    .filter((part) => part.length > 0);
}

async function isExecutableFile(file: string): Promise<boolean> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) {
      return false;
    }
    if (process.platform !== 'win32') {
      await fs.access(file, fsConstants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

/** Resolves a bare command name on PATH (with PATHEXT on Windows); paths are checked as they are. */
export async function resolveExecutable(command: string): Promise<string | undefined> {
  if (command.includes('/') || command.includes('\\')) {
    return (await isExecutableFile(command)) ? command : undefined;
  }
  const extensions =
    process.platform === 'win32' ? ['', ...(process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')] : [''];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) {
      continue;
    }
    for (const ext of extensions) {
      const candidate = path.join(dir, command + ext);
      if (await isExecutableFile(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

/** Runs `<python> -c "import pulumi_lint"`: the cheapest proof that `-m pulumi_lint` will start. */
function canImportServer(python: string[], cwd: string | undefined): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      python[0],
      [...python.slice(1), '-c', `import ${SERVER_MODULE}`],
      { timeout: IMPORT_CHECK_TIMEOUT_MS, cwd, windowsHide: true },
      (error, _stdout, stderr) => {
        if (!error) {
          resolve(undefined);
        } else {
          const detail = stderr.trim().split('\n').pop() ?? '';
          resolve(detail || error.message);
        }
      },
    );
  });
}

async function pythonCandidate(
  python: string[],
  source: string,
  fromPythonExtension: boolean,
  cwd: string | undefined,
  rejected: string[],
): Promise<ServerCommand | undefined> {
  const resolved = await resolveExecutable(python[0]);
  if (!resolved) {
    rejected.push(`${source}: ${python[0]} is not an executable file`);
    return undefined;
  }
  const failure = await canImportServer([resolved, ...python.slice(1)], cwd);
  if (failure !== undefined) {
    rejected.push(`${source}: ${resolved} cannot import ${SERVER_MODULE} (${failure})`);
    return undefined;
  }
  return {
    command: resolved,
    args: [...python.slice(1), '-m', SERVER_MODULE, ...SERVER_ARGS],
    source,
    fromPythonExtension,
  };
}

/**
 * Tries, in order, the `server.path` setting, the `interpreter` setting, the Python extension's
 * interpreter and `pulumi-lint` on PATH, and returns the first that works.
 */
export async function locateServer(log: vscode.LogOutputChannel): Promise<LocateResult> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const cwd = folder?.uri.fsPath;
  const config = vscode.workspace.getConfiguration(SECTION, folder?.uri);
  const rejected: string[] = [];

  const serverPath = commandLine(config.get('server.path'), folder);
  if (serverPath.length > 0) {
    const resolved = await resolveExecutable(serverPath[0]);
    if (resolved) {
      return {
        server: { command: resolved, args: serverPath.slice(1), source: `${SECTION}.server.path`, fromPythonExtension: false },
        rejected,
      };
    }
    rejected.push(`${SECTION}.server.path: ${serverPath[0]} is not an executable file`);
  }

  const interpreter = commandLine(config.get('interpreter'), folder);
  if (interpreter.length > 0) {
    const server = await pythonCandidate(interpreter, `${SECTION}.interpreter`, false, cwd, rejected);
    if (server) {
      return { server, rejected };
    }
  }

  const selected = await selectedInterpreter(folder?.uri, log);
  if (selected) {
    const server = await pythonCandidate([selected], 'the Python extension', true, cwd, rejected);
    if (server) {
      return { server, rejected };
    }
  }

  const onPath = await resolveExecutable(SERVER_EXECUTABLE);
  if (onPath) {
    return {
      server: { command: onPath, args: [...SERVER_ARGS], source: 'PATH', fromPythonExtension: false },
      rejected,
    };
  }
  rejected.push(`PATH: no ${SERVER_EXECUTABLE} executable`);
  return { server: undefined, rejected };
}
