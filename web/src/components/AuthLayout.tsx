// The frame of the public pages (login, sign-up, invitation): the product on the left, the form on the right.
import { Box, Group, List, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Brand } from '../app/Shell.js';
import { IconCheck, IconShieldCheck } from './icons.js';
import { LanguageSwitch } from './LanguageSwitch.js';

export function AuthLayout({ children, width = 440 }: { children: ReactNode; width?: number }) {
  const { t } = useTranslation();
  return (
    <Box style={{ display: 'flex', minHeight: '100vh' }}>
      <Box className="bf-auth-hero" visibleFrom="md" w={440} p={48} style={{ flexShrink: 0, display: 'flex', flexDirection: 'column', justifyContent: 'space-between' }}>
        <Stack gap={36}>
          <Group gap={10} c="white">
            <IconShieldCheck size={30} stroke={2} />
            <Text fw={700} fz={24} c="white" style={{ letterSpacing: -0.3 }}>
              {t('common.appName')}
            </Text>
          </Group>
          <Stack gap="md">
            <Title order={2} c="white" fw={650} lh={1.25}>
              {t('auth.heroTitle')}
            </Title>
            <Text c="rgba(255,255,255,0.82)" size="md" lh={1.6}>
              {t('auth.heroBody')}
            </Text>
          </Stack>
          <List
            spacing="sm"
            c="rgba(255,255,255,0.92)"
            icon={
              <ThemeIcon size={22} radius="xl" color="rgba(255,255,255,0.16)">
                <IconCheck size={14} />
              </ThemeIcon>
            }
          >
            <List.Item>{t('auth.heroPoints.claims')}</List.Item>
            <List.Item>{t('auth.heroPoints.phases')}</List.Item>
            <List.Item>{t('auth.heroPoints.record')}</List.Item>
          </List>
        </Stack>
        <Text size="xs" c="rgba(255,255,255,0.6)">
          {t('common.tagline')}
        </Text>
      </Box>
      <Box style={{ flex: 1, display: 'flex', flexDirection: 'column' }}>
        <Group justify="space-between" p="md">
          <Box hiddenFrom="md">
            <Brand />
          </Box>
          <Box style={{ marginLeft: 'auto' }}>
            <LanguageSwitch />
          </Box>
        </Group>
        <Box style={{ flex: 1, display: 'flex', alignItems: 'flex-start', justifyContent: 'center' }} px="md" pt={{ base: 'md', md: 48 }} pb="xl">
          <Paper withBorder shadow="xs" p={32} w="100%" maw={width}>
            {children}
          </Paper>
        </Box>
      </Box>
    </Box>
  );
}
