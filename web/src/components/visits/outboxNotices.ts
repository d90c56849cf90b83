// App-wide: a change the server refused for good is dropped from the outbox, and the user is told which one and
// why (most often: the visit was closed on another device meanwhile). Also starts a queue left by an earlier page
// (after a reload) as soon as the app is loaded, whatever page is open.
import i18n from '../../i18n/index.js';
import { notify } from '../../lib/notify.js';
import { outbox, type DroppedChange } from '../../offline/outbox.js';

function what(d: DroppedChange): string {
  const t = i18n.t.bind(i18n);
  switch (d.item.kind) {
    case 'answer':
      return t('visits.outbox.kinds.answer', { question: d.item.questionId });
    case 'photo':
      return t('visits.outbox.kinds.photo', { name: d.item.filename });
    case 'finding':
      return t('visits.outbox.kinds.finding');
    case 'capacity':
      return t('visits.outbox.kinds.capacity');
  }
}

function why(d: DroppedChange): string {
  const t = i18n.t.bind(i18n);
  if (d.status === 409) return t('visits.outbox.reasons.closed');
  if (d.status === 403 || d.status === 404) return t('visits.outbox.reasons.forbidden');
  if (d.status === 413) return t('visits.outbox.reasons.tooLarge');
  return t('visits.outbox.reasons.refused', { message: d.message });
}

let installed = false;

export function installOutboxNotices(): void {
  if (installed) return;
  installed = true;
  outbox.onDropped((d) => notify.error(`${what(d)}: ${why(d)}`, i18n.t('visits.outbox.droppedTitle')));
  void outbox.boot();
}

installOutboxNotices();
