import { messages } from '../messages.ts';

export function IssuingScreen() {
  return (
    <section class="issuing-screen" aria-busy="true">
      <div class="spinner" />
      <p class="issuing-text">{messages.ticketing.issuing}</p>
    </section>
  );
}
