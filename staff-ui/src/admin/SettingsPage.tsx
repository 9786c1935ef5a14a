import { useEffect } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import { messages } from '../messages.ts';
import type { AdminApi } from './admin-api.ts';
import { EditForm } from './EditForm.tsx';
import type { Draft } from './form-values.ts';
import { settingsFields, type FieldContext } from './resources.ts';

export function SettingsPage({ api, ctx, offsetMinutes, configVersion }: { api: AdminApi; ctx: FieldContext; offsetMinutes: number; configVersion: number }) {
  const settings = useSignal<Draft | null>(null);
  const error = useSignal<string | null>(null);
  useEffect(() => {
    void api.get<Draft>('settings').then((reply) => {
      if (reply.ok) settings.value = reply.data;
      else error.value = reply.error.message;
    });
  }, [configVersion]);
  if (error.value) return <p class="form-error">{error.value}</p>;
  if (!settings.value) return <p class="hint">{messages.admin.loading}</p>;
  return (
    <section class="settings-page">
      <EditForm
        key="settings"
        title={messages.admin.pages.settings}
        fields={settingsFields}
        initial={settings.value}
        creating={false}
        ctx={ctx}
        offsetMinutes={offsetMinutes}
        onSave={async (draft) => {
          const reply = await api.put<Draft>('settings', draft);
          return reply.ok ? null : reply.error;
        }}
      />
    </section>
  );
}
