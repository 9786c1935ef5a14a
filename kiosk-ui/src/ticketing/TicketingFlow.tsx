import type { HallState } from '@hall/common/hall-state';
import type { TicketingModel } from './ticketing-model.ts';
import { categoryGroups } from './category-view.ts';
import { CategoryGrid } from './CategoryGrid.tsx';
import { ConfirmScreen } from './ConfirmScreen.tsx';
import { IssuingScreen } from './IssuingScreen.tsx';
import { TicketScreen } from './TicketScreen.tsx';

interface Props {
  model: TicketingModel;
  state: HallState;
  now: number;
  online: boolean;
  onHome: () => void;
}

export function TicketingFlow({ model, state, now, online, onHome }: Props) {
  const step = model.step.value;
  switch (step.kind) {
    case 'choose':
      return <CategoryGrid groups={categoryGroups(state, now)} onChoose={model.choose} onHome={onHome} />;
    case 'confirm': {
      const category = state.categories.find((c) => c.id === step.categoryId);
      return <ConfirmScreen category={category ?? null} error={step.error} retry={step.retryKey !== null} online={online} onConfirm={() => void model.confirm()} onBack={model.back} />;
    }
    case 'issuing':
      return <IssuingScreen />;
    case 'ticket': {
      const category = state.categories.find((c) => c.id === step.categoryId);
      return <TicketScreen issued={step.issued} categoryName={category?.name ?? step.issued.slip.categoryName} onDone={onHome} />;
    }
  }
}
