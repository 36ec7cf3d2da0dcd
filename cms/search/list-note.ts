/** What a story's card in the CMS list says after its title (cms/search/story-list.ts). */
import { t } from '../../src/i18n/t.ts';
import { NEWSROOM_TIME_ZONE, parseNewsroomDate } from '../../src/schemas/common.ts';

const dateFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: NEWSROOM_TIME_ZONE,
  dateStyle: 'long',
  timeStyle: 'short',
});

/**
 * What a card says after the title: " · 2026年4月26日 07:50", then " · 草稿"
 * for a draft or " · 定时" for a story whose time is still to come.
 */
export function storyListNote(data: Record<string, unknown>, now: Date): string {
  const when = parseNewsroomDate(data['publishedAt']);
  const parts: string[] = [];
  const valid = when instanceof Date && !Number.isNaN(when.getTime());
  if (valid) parts.push(dateFormat.format(when));
  if (data['draft'] === true) parts.push(t('cms.list.draft'));
  else if (valid && when.getTime() > now.getTime()) parts.push(t('cms.list.scheduled'));
  return parts.map((p) => ` · ${p}`).join('');
}
