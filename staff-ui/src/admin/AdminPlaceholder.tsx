import { messages } from '../messages.ts';

/** /staff/admin until the console arrives with its issue: says so, offers nothing broken. */
export function AdminPlaceholder() {
  return (
    <main class="placeholder">
      <h1>{messages.admin.title}</h1>
      <p>{messages.admin.text}</p>
      <a class="link-button" href={import.meta.env.BASE_URL}>
        {messages.admin.back}
      </a>
    </main>
  );
}
