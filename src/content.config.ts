import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';

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
    published: z.coerce.date(),
    updated: z.coerce.date(),
  }),
});

// Standalone pages written like chapters (the front page's thesis, /methods/).
const pages = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './content/pages' }),
  schema: z.object({
    title: z.string().min(1),
    dek: z.string().min(1),
    updated: z.coerce.date(),
  }),
});

export const collections = { chapters, pages };
