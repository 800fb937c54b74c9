// tariqa: the small amount of script the pages need (no inline script: the CSP forbids it).
"use strict";

// htmx requests carry the session's CSRF token.
document.addEventListener("htmx:configRequest", (event) => {
  const token = document.body.dataset.csrf;
  if (token) event.detail.headers["X-CSRF-Token"] = token;
});

// A table too wide for the screen scrolls in its box (.scroll): such a box can then be
// reached with the keyboard and is named after its table's caption.
function markScrollingBoxes() {
  for (const box of document.querySelectorAll(".scroll")) {
    if (box.scrollWidth > box.clientWidth + 1) {
      const caption = box.querySelector("caption");
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", (caption ? caption.textContent.trim() : "Table") + " (scrolls sideways)");
    } else if (box.hasAttribute("tabindex")) {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }
}
document.addEventListener("DOMContentLoaded", markScrollingBoxes);
window.addEventListener("resize", markScrollingBoxes);

// The reader: a selection inside the text, made with the mouse or the keyboard, fills the
// coding form with its offsets, counted in Unicode code points from the start of the text
// (as tariqa and REFI-QDA count them). The labels naming codes (.tag) are not text of the
// document and are not counted.
function codePoints(text) {
  return Array.from(text).length;
}

function textOf(range) {
  const copy = range.cloneContents();
  for (const tag of copy.querySelectorAll(".tag")) tag.remove();
  return copy.textContent;
}

function offsetWithin(root, node, offset) {
  const range = document.createRange();
  range.setStart(root, 0);
  range.setEnd(node, offset);
  return codePoints(textOf(range));
}

function readerParts() {
  const root = document.querySelector(".reader");
  return { root, form: document.getElementById("code-form"), shown: document.getElementById("selection") };
}

function inside(root, range) {
  return root.contains(range.startContainer) && root.contains(range.endContainer);
}

function showSelection() {
  const { root, form, shown } = readerParts();
  const selection = window.getSelection();
  if (!root || !selection || selection.rangeCount === 0) return;
  const range = selection.getRangeAt(0);
  if (!inside(root, range)) return;
  const start = offsetWithin(root, range.startContainer, range.startOffset);
  showCaret(root, selection);
  if (selection.isCollapsed) {
    if (shown && document.activeElement === root) shown.textContent = `nothing yet (cursor at character ${start})`;
    return;
  }
  const end = offsetWithin(root, range.endContainer, range.endOffset);
  if (form) {
    form.elements.start.value = start;
    form.elements.end.value = end;
  }
  if (shown) shown.textContent = `characters ${start}–${end}: ${textOf(range).slice(0, 200)}`;
}

// Where the keyboard's cursor is in the text: the text is not editable, so the browser
// draws no caret; the character after the cursor is highlighted instead.
function showCaret(root, selection) {
  if (!window.CSS || !CSS.highlights) return;
  CSS.highlights.delete("reader-caret");
  if (!selection.isCollapsed || document.activeElement !== root) return;
  const node = selection.focusNode;
  if (!node || node.nodeType !== Node.TEXT_NODE) return;
  const at = selection.focusOffset;
  if (at >= node.length) return;
  const range = document.createRange();
  range.setStart(node, at);
  range.setEnd(node, Math.min(node.length, at + (/[\uD800-\uDBFF]/.test(node.data[at]) ? 2 : 1)));
  CSS.highlights.set("reader-caret", new Highlight(range));
}

function firstText(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement.closest(".tag") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  return walker.nextNode();
}

// Keys in the focused text: the arrows move the cursor, with Shift they select; with Ctrl
// (Alt on a Mac) by words; Home and End to the line's ends; Up and Down by lines.
const MOVES = {
  ArrowLeft: ["backward", "character"],
  ArrowRight: ["forward", "character"],
  ArrowUp: ["backward", "line"],
  ArrowDown: ["forward", "line"],
  Home: ["backward", "lineboundary"],
  End: ["forward", "lineboundary"],
};

function onReaderKey(event) {
  const root = event.currentTarget;
  const move = MOVES[event.key];
  const selection = window.getSelection();
  if (!move || !selection || event.metaKey) return;
  if (selection.rangeCount === 0 || !inside(root, selection.getRangeAt(0))) {
    const first = firstText(root);
    if (!first) return;
    selection.collapse(first, 0);
  }
  const [direction, unit] = move;
  const granularity = (event.ctrlKey || event.altKey) && unit === "character" ? "word" : unit;
  selection.modify(event.shiftKey ? "extend" : "move", direction, granularity);
  event.preventDefault();
  const node = selection.focusNode;
  const element = node && (node.nodeType === Node.TEXT_NODE ? node.parentElement : node);
  if (element && element.scrollIntoView) element.scrollIntoView({ block: "nearest" });
}

function onReaderFocus(event) {
  const root = event.currentTarget;
  const selection = window.getSelection();
  if (selection && (selection.rangeCount === 0 || !inside(root, selection.getRangeAt(0)))) {
    const first = firstText(root);
    if (first) selection.collapse(first, 0);
  }
  showSelection();
}

document.addEventListener("DOMContentLoaded", () => {
  const { root } = readerParts();
  if (!root) return;
  root.addEventListener("keydown", onReaderKey);
  root.addEventListener("focus", onReaderFocus);
  root.addEventListener("blur", () => window.CSS && CSS.highlights && CSS.highlights.delete("reader-caret"));
});
document.addEventListener("selectionchange", showSelection);
document.addEventListener("mouseup", showSelection);
document.addEventListener("keyup", showSelection);
