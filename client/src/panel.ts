/**
 * One webview panel class for the Explain and defense-in-depth views (vscode-extension-samples'
 * webview-sample pattern): one panel per view type, `createOrShow` and `dispose`, scripts on,
 * local resources limited to media/, and messages from the page as the only way back.
 */
import * as vscode from 'vscode';
import type { WebviewAssets } from './html';
import { makeNonce } from './html';

/** What the page's script may send: an action name and an index into what the view holds. */
export interface PanelMessage {
  action: string;
  index?: number;
}

function isPanelMessage(m: unknown): m is PanelMessage {
  const x = m as PanelMessage | null;
  return typeof x === 'object' && x !== null && typeof x.action === 'string' && (x.index === undefined || Number.isInteger(x.index));
}

export class GuardPanel {
  private static readonly panels = new Map<string, GuardPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private handler: (m: PanelMessage) => unknown = () => undefined;

  /** Shows the panel of this view type, creating it the first time. */
  static createOrShow(extensionUri: vscode.Uri, viewType: string, title: string): GuardPanel {
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
    const existing = GuardPanel.panels.get(viewType);
    if (existing) {
      existing.panel.title = title;
      existing.panel.reveal(column, true);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(viewType, title, { viewColumn: column, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
    });
    const p = new GuardPanel(panel, extensionUri, viewType);
    GuardPanel.panels.set(viewType, p);
    return p;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly viewType: string,
  ) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => {
        if (isPanelMessage(m)) void Promise.resolve(this.handler(m)).catch((e: unknown) => void vscode.window.showErrorMessage(`Serverless Guard: ${e instanceof Error ? e.message : String(e)}`));
      }),
    );
  }

  /** Fresh asset addresses and a fresh nonce for each render. */
  assets(): WebviewAssets {
    const webview = this.panel.webview;
    const media = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', name)).toString();
    return { cspSource: webview.cspSource, nonce: makeNonce(), styleUri: media('webview.css'), scriptUri: media('webview.js') };
  }

  /** Replaces the page and what its messages act on. */
  show(html: string, onMessage: (m: PanelMessage) => unknown): void {
    this.handler = onMessage;
    this.panel.webview.html = html;
  }

  dispose(): void {
    if (GuardPanel.panels.get(this.viewType) !== this) return;
    GuardPanel.panels.delete(this.viewType);
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}
