// The supplier's own capability profile: sites and typed claims, each claim with the status that the
// evidence gives it. What buyers see of it is the directory page of the organization.
import { Anchor, Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.js';
import { useCan, useSession } from '../../app/session.js';
import { useClaims, useSites } from '../../components/engagement/api.js';
import { ClaimForm } from '../../components/engagement/ClaimForm.js';
import { ClaimsTable, useVisibleEvidence } from '../../components/engagement/ClaimsTable.js';
import { IconFactory } from '../../components/engagement/icons.js';
import { SiteForm, SitesTable } from '../../components/engagement/Sites.js';
import type { Claim } from '../../components/engagement/types.js';
import { useConfirm } from '../../components/Confirm.js';
import { IconPlus, IconShieldCheck } from '../../components/icons.js';
import { PageHeader } from '../../components/PageHeader.js';
import { InviteFromProfileButton } from '../../components/suppliers/InvitationsPanel.js';
import { Empty, ErrorAlert, Loading } from '../../components/States.js';
import { notify } from '../../lib/notify.js';

export function SupplierProfilePage() {
  const { t } = useTranslation();
  const { organization } = useSession();
  const canManage = useCan('profile.manage');
  const qc = useQueryClient();
  const sites = useSites(organization.id);
  const claims = useClaims(organization.id);
  const evidence = useVisibleEvidence(organization.id);
  const [addingSite, setAddingSite] = useState(false);
  const [addingClaim, setAddingClaim] = useState(false);
  const { confirm, modal } = useConfirm();
  const withdraw = useMutation({
    mutationFn: (c: Claim) => api.patch<Claim>(`/api/v1/organizations/${organization.id}/claims/${c.id}`, { withdrawn: true }),
    onSuccess: () => {
      notify.success(t('supplier.claims.withdrawnDone'));
      void qc.invalidateQueries({ queryKey: ['claims', organization.id] });
    },
  });

  return (
    <>
      {modal}
      <PageHeader
        title={t('supplier.profileTitle')}
        subtitle={t('supplier.profileSubtitle')}
        actions={
          <Group gap="xs">
            <InviteFromProfileButton />
            <Button component={Link} to="/public-profile" variant="default">
              {t('suppliers.nav.publicProfile')}
            </Button>
            <Button component={Link} to={`/directory/${organization.id}`} variant="default">
              {t('supplier.viewAsBuyer')}
            </Button>
          </Group>
        }
      />
      <Stack gap="md">
        <Card padding={0}>
          <Group justify="space-between" p="md">
            <div>
              <Title order={4} fw={600}>
                {t('supplier.sites.title')}
              </Title>
              <Text size="xs" c="dimmed">
                {t('supplier.sites.hint')}
              </Text>
            </div>
            {canManage && (
              <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setAddingSite(true)} data-testid="site-add">
                {t('supplier.sites.add')}
              </Button>
            )}
          </Group>
          {sites.isPending ? (
            <Loading />
          ) : sites.isError ? (
            <div style={{ padding: 16 }}>
              <ErrorAlert error={sites.error} onRetry={() => void sites.refetch()} />
            </div>
          ) : sites.data.length === 0 ? (
            <Empty icon={<IconFactory size={22} />} title={t('supplier.sites.empty')} />
          ) : (
            <SitesTable sites={sites.data} />
          )}
        </Card>
        <Card padding={0}>
          <Group justify="space-between" p="md">
            <div>
              <Title order={4} fw={600}>
                {t('supplier.claims.title')}
              </Title>
              <Text size="xs" c="dimmed">
                {t('supplier.claims.hintOwn')}{' '}
                <Anchor component={Link} to="/evidence" size="xs">
                  {t('nav.evidence')}
                </Anchor>
              </Text>
            </div>
            {canManage && (
              <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setAddingClaim(true)} data-testid="claim-add">
                {t('supplier.claims.add')}
              </Button>
            )}
          </Group>
          {claims.isPending ? (
            <Loading />
          ) : claims.isError ? (
            <div style={{ padding: 16 }}>
              <ErrorAlert error={claims.error} onRetry={() => void claims.refetch()} />
            </div>
          ) : claims.data.length === 0 ? (
            <Empty icon={<IconShieldCheck size={22} />} title={t('supplier.claims.empty')} description={t('supplier.claims.emptyHint')} />
          ) : (
            <ClaimsTable
              claims={claims.data}
              evidence={evidence}
              sites={sites.data ?? []}
              onWithdraw={
                canManage
                  ? (c) =>
                      confirm({
                        title: t('supplier.claims.withdrawTitle', { title: c.title }),
                        body: t('supplier.claims.withdrawBody'),
                        confirmLabel: t('supplier.claims.withdraw'),
                        onConfirm: () => withdraw.mutateAsync(c),
                      })
                  : undefined
              }
            />
          )}
        </Card>
      </Stack>
      <Modal opened={addingSite} onClose={() => setAddingSite(false)} size="lg" title={<Text fw={600}>{t('supplier.sites.add')}</Text>}>
        {addingSite && (
          <SiteForm
            organizationId={organization.id}
            defaultCountry={organization.country}
            onCancel={() => setAddingSite(false)}
            onDone={(s) => {
              notify.success(t('supplier.sites.added', { name: s.name }));
              setAddingSite(false);
              void qc.invalidateQueries({ queryKey: ['sites', organization.id] });
            }}
          />
        )}
      </Modal>
      <Modal opened={addingClaim} onClose={() => setAddingClaim(false)} size="lg" title={<Text fw={600}>{t('supplier.claims.add')}</Text>}>
        {addingClaim && (
          <ClaimForm
            organizationId={organization.id}
            sites={sites.data ?? []}
            onCancel={() => setAddingClaim(false)}
            onDone={() => {
              notify.success(t('supplier.claims.published'));
              setAddingClaim(false);
              void qc.invalidateQueries({ queryKey: ['claims', organization.id] });
            }}
          />
        )}
      </Modal>
    </>
  );
}
