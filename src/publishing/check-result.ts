import { z } from 'zod';
import type { BuildPlan } from './plan.ts';

/**
 * What src/publishing/check-snapshot.ts reports over its standard output:
 * the content problems, or, when there are none, the build plan. One schema
 * for the writer and the reader of that line.
 */
export const snapshotCheckSchema = z.object({
  problems: z.array(
    z.object({ file: z.string(), field: z.string(), message: z.string(), line: z.number().optional() }),
  ),
  plan: z
    .object({
      publicSlugs: z.array(z.string()),
      hiddenSlugs: z.array(z.string()),
      next: z.object({ slug: z.string(), title: z.string(), at: z.iso.datetime() }).optional(),
    })
    .optional(),
});

export type SnapshotCheck = z.infer<typeof snapshotCheckSchema>;

/** The plan as the publisher uses it, with the next story's time as a Date. */
export function planFromCheck(plan: NonNullable<SnapshotCheck['plan']>): BuildPlan {
  return { ...plan, next: plan.next && { ...plan.next, at: new Date(plan.next.at) } };
}

/** The plan as it crosses the process boundary. */
export function planToCheck(plan: BuildPlan): NonNullable<SnapshotCheck['plan']> {
  return { ...plan, next: plan.next && { ...plan.next, at: plan.next.at.toISOString() } };
}
