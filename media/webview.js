// The Explain and defense-in-depth pages' only script (loaded with the page's nonce). It sends
// the extension an action name and an index; everything else stays on the extension side.
(function () {
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('button[data-action]') : null;
    if (!target) return;
    const index = target.getAttribute('data-index');
    vscode.postMessage({ action: target.getAttribute('data-action'), index: index === null ? undefined : Number(index) });
  });
})();
