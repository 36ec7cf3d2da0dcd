import { t } from '../i18n/t.ts';
import type { BylineRole } from '../schemas/author.ts';

/** One byline entry with the staff author already looked up. */
export interface BylinePerson {
  role: BylineRole;
  name: string;
  /** Set for staff authors, who have an author page; free names have none. */
  authorId?: string | undefined;
}

/** Consecutive people with the same printed label, e.g. "本报记者 赵琦 岳殿举". */
export interface BylineGroup {
  label: string;
  people: { name: string; authorId?: string | undefined }[];
}

/**
 * The label printed before a name. Staff of the paper are "本报记者",
 * "本报通讯员"…; a free name (e.g. a district's correspondent) gets the plain
 * role: "通讯员 周宁".
 */
export function bylineLabel(role: BylineRole, staff: boolean): string {
  return t(`byline.${staff ? 'staff' : 'free'}.${role}`);
}

/** Groups byline entries as the paper prints them, keeping their order. */
export function groupBylines(people: readonly BylinePerson[]): BylineGroup[] {
  const groups: BylineGroup[] = [];
  for (const person of people) {
    const label = bylineLabel(person.role, person.authorId !== undefined);
    const last = groups.at(-1);
    const entry = { name: person.name, authorId: person.authorId };
    if (last?.label === label) last.people.push(entry);
    else groups.push({ label, people: [entry] });
  }
  return groups;
}

/** The byline as one line of text, for feeds and metadata: "本报记者 赵琦　通讯员 周宁". */
export function bylineText(groups: readonly BylineGroup[]): string {
  return groups.map((g) => `${g.label} ${g.people.map((p) => p.name).join(' ')}`).join('　');
}
