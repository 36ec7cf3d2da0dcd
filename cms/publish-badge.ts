import type { BadgeState } from '../src/publishing/status-page.ts';
import { STATUS_JSON_PATH } from '../src/publishing/status-page.ts';

const POLL_MS = 3000;

/**
 * Keeps the CMS's "发布状态" link saying what the publisher is doing, so an
 * editor who has just pressed 发布 sees the build run and the story go live
 * (or why it did not) without leaving the CMS. Where no publisher answers (a
 * static host with the GitHub backend) the link keeps its plain text.
 */
export function startPublishBadge(link: HTMLElement): void {
  const update = async (): Promise<void> => {
    try {
      const res = await fetch(STATUS_JSON_PATH, { cache: 'no-store' });
      if (!res.ok) return;
      const badge = (await res.json()) as BadgeState;
      link.textContent = badge.text;
      link.dataset['state'] = badge.state;
    } catch {
      // Offline or no publisher: the link still leads to the status page.
    }
  };
  void update();
  setInterval(() => void update(), POLL_MS);
}
