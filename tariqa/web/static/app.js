// tariqa: the small amount of script the pages need (no inline script: the CSP forbids it).
"use strict";

// htmx requests carry the session's CSRF token.
document.addEventListener("htmx:configRequest", (event) => {
  const token = document.body.dataset.csrf;
  if (token) event.detail.headers["X-CSRF-Token"] = token;
});

// The reader: a selection inside the text fills the coding form with its offsets, counted
// in Unicode code points from the start of the text (as tariqa and REFI-QDA count them).
function codePoints(text) {
  return Array.from(text).length;
}

function offsetWithin(root, node, offset) {
  const range = document.createRange();
  range.setStart(root, 0);
  range.setEnd(node, offset);
  return codePoints(range.toString());
}

document.addEventListener("mouseup", () => {
  const root = document.querySelector(".reader");
  const form = document.getElementById("code-form");
  const selection = window.getSelection();
  if (!root || !form || !selection || selection.isCollapsed) return;
  const range = selection.getRangeAt(0);
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return;
  form.elements.start.value = offsetWithin(root, range.startContainer, range.startOffset);
  form.elements.end.value = offsetWithin(root, range.endContainer, range.endOffset);
  const shown = document.getElementById("selection");
  if (shown) shown.textContent = selection.toString().slice(0, 200);
});
