// The example plugin's page in Codara's web UI. The app imports this module and calls mount(element, context);
// it owns `element` until the function mount returns is called. Plain DOM, no framework: a plugin may bring any,
// or none. Text goes in with textContent only, never innerHTML, so a note cannot inject markup.

export function mount(element, context) {
  const heading = document.createElement('h1');
  heading.textContent = 'Notes';
  const intro = document.createElement('p');
  intro.className = 'muted';
  intro.textContent = 'Short notes kept by the example plugin, through its own REST resource at /api/v3/example/notes.';
  const list = document.createElement('ul');
  list.className = 'box notes-list';
  list.setAttribute('aria-label', 'Notes');
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  element.append(heading, intro);

  if (context.user) {
    const form = document.createElement('form');
    form.className = 'actions';
    const label = document.createElement('label');
    label.className = 'visually-hidden';
    label.htmlFor = 'note-text';
    label.textContent = 'New note';
    const input = document.createElement('input');
    input.id = 'note-text';
    input.placeholder = 'Write a note';
    input.required = true;
    input.maxLength = 500;
    const button = document.createElement('button');
    button.className = 'button primary';
    button.type = 'submit';
    button.textContent = 'Add note';
    form.append(label, input, button);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      button.disabled = true;
      try {
        await context.api('/example/notes', { method: 'POST', body: { text: input.value } });
        input.value = '';
        await load();
      } catch (error) {
        status.textContent = error.message;
      } finally {
        button.disabled = false;
      }
    });
    element.append(form);
  }
  element.append(status, list);

  let live = true;
  async function load() {
    const notes = await context.api('/example/notes?per_page=50');
    if (!live) return;
    list.replaceChildren(...notes.map((note) => {
      const item = document.createElement('li');
      item.className = 'box-row';
      item.textContent = note.text;
      return item;
    }));
    if (notes.length === 0) status.textContent = 'No notes yet.';
    else status.textContent = '';
  }
  load().catch((error) => { status.textContent = error.message; });
  return () => { live = false; };
}
