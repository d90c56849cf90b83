// A text field's limit, shown while typing (and red once past it), so the user meets it before the form refuses.
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function LengthHint({ value, max }: { value: string; max: number }) {
  const { t } = useTranslation();
  const over = value.length > max;
  return (
    <Text component="span" size="xs" c={over ? 'red' : 'dimmed'} data-testid="length-hint" data-over={over || undefined}>
      {t('ux.length', { count: value.length, max })}
    </Text>
  );
}
