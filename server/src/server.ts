// Entry point of the bundled language server: picks the transport (--stdio or IPC) from argv.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './serverMain';

startServer(createConnection(ProposedFeatures.all));
