// Suggested sectors and SDGs are buttons; pressing one selects (or unselects) that option in
// the form's list, so the suggestion never changes the listing without the writer's click.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-select-field]");
  if (!button) return;
  const select = document.getElementById(button.dataset.selectField);
  if (!select) return;
  const option = Array.from(select.options).find((o) => o.value === button.dataset.selectValue);
  if (!option) return;
  option.selected = !option.selected;
  button.setAttribute("aria-pressed", String(option.selected));
  select.dispatchEvent(new Event("change", { bubbles: true }));
});
