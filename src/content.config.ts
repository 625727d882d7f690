import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';

/**
 * A page's date as a reader sees it ("Updated 29 November 2026"): never later than the build,
 * which a typo once made it.
 */
const pageDate = z.coerce
  .date()
  .refine((d) => d.getTime() <= Date.now(), { message: 'this date is in the future' });

// Chapters are the essay's body: content/chapters/NN-slug.mdx, ordered by `order`.
const chapters = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './content/chapters' }),
  schema: z.object({
    title: z.string().min(1),
    /** One-sentence subtitle shown under the title and in the contents list. */
    dek: z.string().min(1),
    /** The route: `/<slug>/`. Fixed by DESIGN.md; links and tests rely on it. */
    slug: z.enum(['hardware-lottery', 'von-neumann-bottleneck', 'numpy-and-python', 'sparsity']),
    order: z.number().int().min(1),
    published: pageDate,
    updated: pageDate,
  }),
});

// Standalone pages written like chapters (the front page's thesis, /methods/).
const pages = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './content/pages' }),
  schema: z.object({
    title: z.string().min(1),
    dek: z.string().min(1),
    updated: pageDate,
  }),
});

const chapterSlug = z.enum([
  'hardware-lottery',
  'von-neumann-bottleneck',
  'numpy-and-python',
  'sparsity',
]);

// One assignment per chapter: content/assignments/NN-slug.mdx, served at /assignments/<chapter>/.
const assignments = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './content/assignments' }),
  schema: z.object({
    title: z.string().min(1),
    dek: z.string().min(1),
    chapter: chapterSlug,
    order: z.number().int().min(1),
    /** Length of the class it is written for. */
    minutes: z.number().int().min(10),
    updated: pageDate,
  }),
});

// Notes for the teacher of each assignment: content/assignments/teacher/NN-slug.mdx.
const teacher = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './content/assignments/teacher' }),
  schema: z.object({
    title: z.string().min(1),
    dek: z.string().min(1),
    chapter: chapterSlug,
    updated: pageDate,
  }),
});

export const collections = { chapters, pages, assignments, teacher };
