// Kundval för VS Code: startar språkservern `kundval lsp` för .kundval-filer. Färgningen och
// språkinställningarna kommer från package.json; allt annat gör servern.
'use strict';
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration('kundval').get('server.path') || 'kundval';
  const server = { command, args: ['lsp'] };
  client = new LanguageClient('kundval', 'Kundval', { run: server, debug: server }, {
    documentSelector: [{ scheme: 'file', language: 'kundval' }, { scheme: 'untitled', language: 'kundval' }],
    // A reglemente changed outside the editor: the open kundval files are checked again.
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.kundval') },
  });
  client.start().catch((error) => {
    vscode.window.showErrorMessage(`Kundval: kunde inte starta \`${command} lsp\` (${error.message}); ange kommandot i inställningen kundval.server.path`);
  });
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
