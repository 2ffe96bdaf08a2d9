/** Run `action` when `element` is clicked or, focused, gets Enter or Space (e.g. a sortable heading). */
export function onActivate(element, action) {
  element.addEventListener("click", action);
  element.addEventListener("keydown", (e) => {
    if (e.key !== "Enter" && e.key !== " ") return;
    e.preventDefault();
    action();
  });
  return element;
}
