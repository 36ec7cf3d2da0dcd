import { zhCN, type MessageKey } from './zh-CN.ts';

/**
 * Looks up a UI string and fills `{name}` placeholders.
 *
 * @example t('list.page', { page: 2 }) // "第 2 页"
 */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const message: string = zhCN[key];
  if (params === undefined) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
