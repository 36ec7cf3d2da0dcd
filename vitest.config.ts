import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      // Groups run one after the other (sequence.groupOrder). Browser tests type into the CMS and time pages,
      // and the publishing tests run whole builds: on a 2-core machine each group gets the machine to itself,
      // so neither makes the other's timings (or a rich-text editor's caret) flaky.
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'cms/**/*.test.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          testTimeout: 30_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // One Chromium at a time on a 2-core machine keeps timings honest.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'publishing',
          // npm start, the publisher, real builds and the CMS in Chromium: one file at a time, last.
          include: ['tests/publishing/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
