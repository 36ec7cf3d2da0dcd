/**
 * Decap's zh_Hans UI strings with the newsroom's words. Decap's own
 * translation names one workflow state three ways (审核中, 审查中, 待审查) and
 * calls a story a post (帖子); the editors' manual, the status menu and the
 * board must say the same thing, so each state has one name here: 草稿,
 * 审核中, 就绪.
 */

/** A phrase table as decap-cms-locales exports it: nested objects of strings. */
export type Phrases = Record<string, unknown>;

/** The strings that differ from decap-cms-locales' zh_Hans, by their path in the table. */
export const OVERRIDES: Phrases = {
  collection: {
    collectionTop: {
      newButton: '新建%{collectionLabel}',
      newButtonAriaLabel: '新建%{collectionLabel}',
    },
  },
  editor: {
    editorToolbar: {
      draft: '草稿',
      inReview: '审核中',
      ready: '就绪',
    },
  },
  ui: {
    toast: {
      // The details are the save check's sentences (or the backend's error), which say what to change.
      onFailToPersist: '没有保存：%{details}',
    },
  },
  workflow: {
    workflow: {
      newPost: '新建稿件',
      // Polyglot's plural forms; Chinese has one, written for both.
      description:
        '%{smart_count} 篇审核中，%{readyCount} 篇就绪 |||| %{smart_count} 篇审核中，%{readyCount} 篇就绪',
      // dayjs format of the cards' dates; Decap's "MMMM D" printed English month names.
      dateFormat: 'M月D日 HH:mm',
    },
    workflowList: {
      draftHeader: '草稿',
      inReviewHeader: '审核中',
      readyHeader: '就绪',
    },
  },
};

const isTable = (value: unknown): value is Phrases =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function merge(base: Phrases, overrides: Phrases): Phrases {
  const merged: Phrases = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = merged[key];
    merged[key] = isTable(value) && isTable(current) ? merge(current, value) : value;
  }
  return merged;
}

/** Decap's zh_Hans table with {@link OVERRIDES} applied; the input is left as it is. */
export function newsroomLocale(zhHans: Phrases): Phrases {
  return merge(zhHans, OVERRIDES);
}
