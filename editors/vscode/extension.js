// Starts `mcli-lint server` for YAML files; everything else is the server's.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

async function activate(context) {
  const [command, ...args] = vscode.workspace.getConfiguration("mcli-lint").get("command");
  client = new LanguageClient(
    "mcli-lint",
    "mcli-lint",
    { command, args },
    { documentSelector: [{ scheme: "file", language: "yaml" }, { scheme: "untitled", language: "yaml" }] },
  );
  context.subscriptions.push(client);
  await client.start();
}

async function deactivate() {
  if (client) {
    await client.stop();
  }
}

module.exports = { activate, deactivate };
