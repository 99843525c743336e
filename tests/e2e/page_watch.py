"""What the browser tests watch on a page: when a run is over, and every save the page acknowledged."""

# The script run has finished and the WebSocket is connected: the page is ready for a key press.
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"][data-test-connection-state="CONNECTED"]'

# Every "Saved claim #N as STATUS" toast the page shows is written down in window.__acks, however
# briefly it shows, so none is missed when a slow check comes after the toast has faded.
RECORD_ACKS = """
window.__acks = [];
const toastTexts = new WeakMap();  // a toast element React reuses for a later toast counts again
new MutationObserver(() => {
  for (const toast of document.querySelectorAll('[data-testid="stToast"]')) {
    const text = toast.innerText || '';
    const match = /Saved claim #(\\d+) as (\\w+)/.exec(text);
    if (!match || toastTexts.get(toast) === text) continue;
    toastTexts.set(toast, text);
    window.__acks.push([Number(match[1]), match[2]]);
  }
}).observe(document, {childList: true, subtree: true, characterData: true});
"""
