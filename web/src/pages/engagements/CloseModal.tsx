// Withdraw from (or terminate) an engagement, with a rationale that stays on the timeline.
import { useTranslation } from 'react-i18next';
import { WithdrawInput } from '../../../../src/contracts/engagements.js';
import { api } from '../../api/client.js';
import { useRefreshEngagement } from '../../components/engagement/api.js';
import type { Engagement } from '../../components/engagement/types.js';
import { ReasonModal } from '../../components/ReasonModal.js';

export function CloseModal({ engagement: e, action, onClose }: { engagement: Engagement; action: 'withdraw' | 'terminate' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefreshEngagement(e.id);
  return (
    <ReasonModal
      opened={action !== null}
      onClose={onClose}
      title={action ? t(`engagements.close.${action}Title`) : ''}
      body={action ? t(`engagements.close.${action}Body`) : ''}
      label={t('engagements.close.rationale')}
      submitLabel={action ? t(`engagements.close.${action}`) : ''}
      color="red"
      schema={WithdrawInput}
      field="rationale"
      extra={{ action }}
      send={(body) => api.post<Engagement>(`/api/v1/engagements/${e.id}/close`, body)}
      doneMessage={t(`engagements.close.done.${action ?? 'withdraw'}`)}
      onDone={refresh}
      testIds={{ text: 'close-rationale', submit: 'close-submit' }}
    />
  );
}
