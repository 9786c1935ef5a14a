import { useSignal } from '@preact/signals';
import { useCallback } from 'preact/hooks';
import type { HallState } from '@hall/common/hall-state';
import type { IdCardRead } from '@hall/common/agent';
import type { ServiceItem } from '@hall/common/domain';
import { localParts } from '@hall/common/time';
import { messages } from '../messages.ts';
import type { TicketingModel, IdentityInput } from './ticketing-model.ts';
import { categoryGroups, formatOpensAt } from './category-view.ts';
import { CategoryGrid } from './CategoryGrid.tsx';
import { CategorySearch } from './CategorySearch.tsx';
import { ConfirmScreen } from './ConfirmScreen.tsx';
import { IdentityScreen } from './IdentityScreen.tsx';
import { UnavailableScreen } from './UnavailableScreen.tsx';
import { AlreadyScreen } from './AlreadyScreen.tsx';
import { IssuingScreen } from './IssuingScreen.tsx';
import { TicketScreen } from './TicketScreen.tsx';

const t = messages.ticketing;

interface Props {
  model: TicketingModel;
  state: HallState;
  now: number;
  online: boolean;
  /** Why issuing is not possible right now (no server), or null. */
  blockedReason: string | null;
  /** A printer problem known before issuing: shown, but drawing stays possible. */
  printerWarning: string | null;
  readerReady: boolean;
  serviceItems: readonly ServiceItem[];
  subscribeCards: (listener: (read: IdCardRead) => void) => () => void;
  helpText: string | null;
  onHelp: (ticketId?: string) => void;
  onHome: () => void;
}

export function TicketingFlow(props: Props) {
  const { model, state, now, online } = props;
  const searching = useSignal(false);
  const step = model.step.value;
  const tz = state.settings.timeZone;
  const nameOf = (id: string) => state.categories.find((c) => c.id === id)?.name ?? '';
  const onIdentity = useCallback((identity: IdentityInput) => model.identify(identity), [model]);

  function choose(categoryId: string) {
    searching.value = false;
    const availability = state.availability[categoryId];
    if (availability && !availability.open) {
      const code = availability.reason === 'quota_exhausted' ? 'QUOTA_EXHAUSTED' : availability.reason === 'holiday' ? 'HALL_CLOSED' : 'CATEGORY_CLOSED';
      model.showUnavailable(categoryId, code, t.closed[availability.reason], availability.opensAt);
    } else {
      model.choose(categoryId);
    }
  }

  switch (step.kind) {
    case 'choose':
      return searching.value ? (
        <CategorySearch categories={state.categories} items={props.serviceItems} onChoose={choose} onBack={() => (searching.value = false)} />
      ) : (
        <CategoryGrid groups={categoryGroups(state, now)} onChoose={choose} onSearch={() => (searching.value = true)} onHome={props.onHome} />
      );
    case 'identity':
      return (
        <IdentityScreen
          categoryName={nameOf(step.categoryId)}
          readerReady={props.readerReady}
          today={localParts(now, tz).date}
          subscribe={props.subscribeCards}
          onIdentity={onIdentity}
          onBack={model.back}
        />
      );
    case 'confirm': {
      const category = state.categories.find((c) => c.id === step.categoryId);
      return (
        <ConfirmScreen
          category={category ?? null}
          error={step.error}
          retry={step.retryKey !== null}
          online={online}
          blockedReason={props.blockedReason}
          printerWarning={props.printerWarning}
          onConfirm={() => void model.confirm()}
          onBack={model.back}
        />
      );
    }
    case 'unavailable': {
      const category = state.categories.find((c) => c.id === step.categoryId);
      const alternatives = (category?.alternatives.categoryIds ?? [])
        .map((id) => state.categories.find((c) => c.id === id && c.enabled))
        .filter((c) => c !== undefined)
        .filter((c) => state.availability[c.id]?.open ?? true);
      return (
        <UnavailableScreen
          categoryName={category?.name ?? ''}
          why={step.message}
          opensText={step.opensAt !== null ? t.opensAt(formatOpensAt(step.opensAt, now, tz)) : ''}
          alternatives={alternatives}
          appointment={category?.alternatives.appointment ?? false}
          hotline={state.settings.hotline || null}
          onChoose={choose}
          onBack={model.back}
        />
      );
    }
    case 'already':
      return <AlreadyScreen number={step.number} online={online} onReprint={() => void model.reprint()} onBack={model.back} />;
    case 'issuing':
      return <IssuingScreen />;
    case 'printing':
      return <IssuingScreen printing />;
    case 'ticket':
      return (
        <TicketScreen
          issued={step.issued}
          categoryName={nameOf(step.categoryId) || step.issued.slip.categoryName}
          print={step.print}
          helpText={props.helpText}
          onHelp={() => props.onHelp(step.issued.ticket.id)}
          onDone={props.onHome}
        />
      );
  }
}
