// A small notification stack (Mantine's Notification component; @mantine/notifications is not installed).
// `notify` can be called from anywhere, including react-query's global error handler.
import { Notification, Portal, Stack } from '@mantine/core';
import { useSyncExternalStore } from 'react';
import { IconAlert, IconCheck } from '../components/icons.js';

export interface Note {
  id: number;
  kind: 'success' | 'error' | 'info';
  title?: string;
  message: string;
}

let notes: Note[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

function push(kind: Note['kind'], message: string, title?: string, ms = kind === 'error' ? 8000 : 4000) {
  // The same message twice in a row (e.g. two queries failing at once) shows once.
  if (notes.some((n) => n.message === message && n.kind === kind)) return;
  const id = nextId++;
  notes = [...notes, { id, kind, message, title }].slice(-4);
  emit();
  setTimeout(() => dismiss(id), ms);
}

export function dismiss(id: number) {
  notes = notes.filter((n) => n.id !== id);
  emit();
}

export const notify = {
  success: (message: string, title?: string) => push('success', message, title),
  error: (message: string, title?: string) => push('error', message, title),
  info: (message: string, title?: string) => push('info', message, title),
};

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function Notifications() {
  const list = useSyncExternalStore(subscribe, () => notes);
  if (list.length === 0) return null;
  return (
    <Portal>
      <Stack gap="xs" pos="fixed" bottom={16} right={16} w={380} style={{ zIndex: 1000 }} data-testid="notifications">
        {list.map((n) => (
          <Notification
            key={n.id}
            color={n.kind === 'error' ? 'red' : n.kind === 'success' ? 'teal' : 'blue'}
            icon={n.kind === 'error' ? <IconAlert size={18} /> : <IconCheck size={18} />}
            title={n.title}
            onClose={() => dismiss(n.id)}
            withBorder
            role={n.kind === 'error' ? 'alert' : 'status'}
            data-testid={`notification-${n.kind}`}
          >
            {n.message}
          </Notification>
        ))}
      </Stack>
    </Portal>
  );
}
