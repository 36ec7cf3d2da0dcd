import siteData from 'virtual:site-data';
import type { SiteData } from './site-data-source.ts';

export type Column = SiteData['columns'][number];
export type District = SiteData['districts'][number];
export type Settings = SiteData['settings'];

/** Columns in their editorial order. */
export function getColumns(): Promise<Column[]> {
  return Promise.resolve(siteData.columns);
}

/** Districts sorted by city, then by name in Chinese collation. */
export function getDistricts(): Promise<District[]> {
  return Promise.resolve(siteData.districts);
}

/** The site settings entry (content/settings/site.yml). */
export function getSettings(): Promise<Settings> {
  return Promise.resolve(siteData.settings);
}
