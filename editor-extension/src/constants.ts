/** The settings section shared with the server (it asks for it through workspace/configuration). */
export const SECTION = 'pulumiLint';

export const CLIENT_ID = 'pulumiLint';
export const CLIENT_NAME = 'Pulumi Lint';

/** `source` of the server's diagnostics. */
export const DIAGNOSTIC_SOURCE = 'pulumi-lint';

/** Python module and console script of the server distribution `pulumi-lint`. */
export const SERVER_MODULE = 'pulumi_lint';
export const SERVER_EXECUTABLE = 'pulumi-lint';
export const SERVER_ARGS = ['server'];

export const INSTALL_COMMAND = 'pip install pulumi-lint';

const REPOSITORY = 'https://github.com/pulumi-lint/pulumi-lint';

/** Where the "server not found" notification sends the user. */
export const INSTALL_HELP_URL = `${REPOSITORY}/blob/main/editor-extension/README.md#installing-the-server`;

export function ruleDocumentationUrl(code: string): string {
  return `${REPOSITORY}/blob/main/docs/rules/${encodeURIComponent(code)}.md`;
}

/** Code action kind of the server's fix-all action. */
export const FIX_ALL_KIND = 'source.fixAll.pulumi-lint';

/** Setting keys whose change needs a new server process rather than a configuration push. */
export const RESTART_SETTINGS = ['server.path', 'interpreter'];
