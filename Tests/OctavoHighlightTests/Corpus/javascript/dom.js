document.addEventListener('DOMContentLoaded', () => {
  const list = document.querySelector('#chapters');
  const filter = document.querySelector('input[name="filter"]');
  if (!list || !filter) return;

  const items = Array.from(list.querySelectorAll('li'));

  filter.addEventListener('input', (event) => {
    const query = event.target.value.trim().toLowerCase();
    let shown = 0;
    for (const item of items) {
      const match = item.textContent.toLowerCase().includes(query);
      item.hidden = !match;
      if (match) shown += 1;
    }
    list.dataset.count = String(shown);
  });

  // Keyboard shortcut: / focuses the filter.
  window.addEventListener('keydown', (e) => {
    if (e.key === '/' && document.activeElement !== filter) {
      e.preventDefault();
      filter.focus();
    }
  });
});
