import { messages } from '../messages.ts';

/** 正在出票 while the server issues, 正在打印 while the printer works. */
export function IssuingScreen({ printing = false }: { printing?: boolean }) {
  return (
    <section class="issuing-screen" aria-busy="true">
      <div class="spinner" />
      <p class="issuing-text">{printing ? messages.ticketing.printing : messages.ticketing.issuing}</p>
    </section>
  );
}
