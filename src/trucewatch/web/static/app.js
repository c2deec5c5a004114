// Small enhancements only: every page works without this file.
// Document view: show or hide the highlighting of one record kind.
document.addEventListener("change", (event) => {
  const box = event.target;
  if (!box.classList || !box.classList.contains("toggle-kind")) return;
  const body = document.getElementById("body");
  if (body) body.classList.toggle("hide-" + box.value, !box.checked);
});
