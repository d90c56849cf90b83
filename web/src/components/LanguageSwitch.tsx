// English / 简体中文. Remembered in this browser; saved to the profile (PATCH /me) when logged in.
import { Box, Button, Menu } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { ME_KEY, useMe } from '../api/session.js';
import type { Me, User } from '../api/types.js';
import { applyLanguage, currentLanguage, UI_LANGUAGES, type UiLanguage } from '../i18n/index.js';
import { IconCheck, IconChevronDown, IconLanguage } from './icons.js';

export function LanguageSwitch({ variant = 'subtle' }: { variant?: 'subtle' | 'default' }) {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (locale: UiLanguage) => api.patch<User>('/api/v1/me', { locale }),
    onSuccess: (user) => qc.setQueryData<Me | null>(ME_KEY, (old) => (old ? { ...old, user } : old)),
  });
  const lang = currentLanguage();

  const choose = async (lng: UiLanguage) => {
    await applyLanguage(lng);
    if (me && me.user.locale !== lng) save.mutate(lng);
  };

  return (
    <Menu position="bottom-end" shadow="md" width={180}>
      <Menu.Target>
        <Button
          variant={variant}
          color="gray"
          size="compact-sm"
          leftSection={<IconLanguage size={16} />}
          rightSection={<IconChevronDown size={14} />}
          aria-label={t('header.language')}
          data-testid="language-switch"
          lang={i18n.language}
        >
          {/* On a phone the globe alone (the header must also hold the bell and the avatar). */}
          <Box component="span" visibleFrom="xs">
            {t(`languages.${lang}`)}
          </Box>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('header.language')}</Menu.Label>
        {UI_LANGUAGES.map((l) => (
          <Menu.Item
            key={l}
            onClick={() => void choose(l)}
            rightSection={l === lang ? <IconCheck size={14} /> : null}
            data-testid={`language-${l}`}
            lang={l}
          >
            {t(`languages.${l}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
