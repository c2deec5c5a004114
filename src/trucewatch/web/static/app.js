// Small enhancements only: every page works without this file.
// Document view: show or hide the highlighting of one record kind.
document.addEventListener("change", (event) => {
  const box = event.target;
  if (!box.classList || !box.classList.contains("toggle-kind")) return;
  const body = document.getElementById("body");
  if (body) body.classList.toggle("hide-" + box.value, !box.checked);
});

// Review queue: j/k (or arrows) move, c confirm, r reject, o open the record in its report.
document.addEventListener("keydown", (event) => {
  const queue = document.querySelector("[data-queue]");
  if (!queue || event.ctrlKey || event.metaKey || event.altKey) return;
  const tag = (event.target.tagName || "").toLowerCase();
  if (tag === "input" || tag === "select" || tag === "textarea") return;
  const items = Array.from(queue.querySelectorAll(".queue-item"));
  if (!items.length) return;
  let index = items.findIndex((item) => item.classList.contains("selected"));
  if (index < 0) index = 0;
  const select = (next) => {
    items[index].classList.remove("selected");
    index = Math.max(0, Math.min(items.length - 1, next));
    items[index].classList.add("selected");
    items[index].scrollIntoView({ block: "nearest" });
  };
  const press = (verdict) => {
    const button = items[index].querySelector(`button[name="verdict"][value="${verdict}"]`);
    if (button) button.click();
  };
  const keys = {
    j: () => select(index + 1), ArrowDown: () => select(index + 1),
    k: () => select(index - 1), ArrowUp: () => select(index - 1),
    c: () => press("confirm"), r: () => press("reject"),
    o: () => { const link = items[index].querySelector("a.open"); if (link) window.location.href = link.href; },
  };
  const action = keys[event.key];
  if (action) { event.preventDefault(); action(); }
});

// Keep the selected queue item after a review: the page comes back on its anchor.
window.addEventListener("DOMContentLoaded", () => {
  const queue = document.querySelector("[data-queue]");
  const target = window.location.hash && document.querySelector(window.location.hash);
  if (!queue || !target || !target.classList.contains("queue-item")) return;
  queue.querySelectorAll(".queue-item.selected").forEach((item) => item.classList.remove("selected"));
  target.classList.add("selected");
});

// Report page: a selection in the text fills the add form's offsets. Offsets count
// characters as the server does (code points, not UTF-16 units).
document.addEventListener("selectionchange", () => {
  const form = document.querySelector("[data-add-record]");
  const body = document.getElementById("body");
  const selection = window.getSelection();
  if (!form || !body || !selection.rangeCount || selection.isCollapsed) return;
  const range = selection.getRangeAt(0);
  if (!body.contains(range.startContainer) || !body.contains(range.endContainer)) return;
  const before = document.createRange();
  before.selectNodeContents(body);
  before.setEnd(range.startContainer, range.startOffset);
  const start = Array.from(before.toString()).length;
  const text = range.toString();
  form.elements.start.value = start;
  form.elements.end.value = start + Array.from(text).length;
  form.querySelector(".selected-text").textContent = text;
});
