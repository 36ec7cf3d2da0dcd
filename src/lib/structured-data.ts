/** Everything the NewsArticle JSON-LD of a story needs, already resolved to absolute URLs. */
export interface NewsArticleInput {
  url: string;
  headline: string;
  alternativeHeadline?: string | undefined;
  description: string;
  images: string[];
  datePublished: Date;
  dateModified?: Date | undefined;
  authors: { name: string; url?: string | undefined; jobTitle: string }[];
  section: string;
  keywords: readonly string[];
  publisher: { name: string; url: string; logo: string };
  print?: { date: string; page: number; pageName: string } | undefined;
}

/**
 * schema.org NewsArticle for one story. Staff authors carry the URL of their
 * author page; correspondents without a page carry their name only.
 */
export function newsArticleJsonLd(input: NewsArticleInput): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': input.url },
    url: input.url,
    headline: input.headline,
    ...(input.alternativeHeadline ? { alternativeHeadline: input.alternativeHeadline } : {}),
    description: input.description,
    ...(input.images.length > 0 ? { image: input.images } : {}),
    datePublished: input.datePublished.toISOString(),
    dateModified: (input.dateModified ?? input.datePublished).toISOString(),
    inLanguage: 'zh-CN',
    articleSection: input.section,
    ...(input.keywords.length > 0 ? { keywords: input.keywords.join(',') } : {}),
    author: input.authors.map((a) => ({
      '@type': 'Person',
      name: a.name,
      jobTitle: a.jobTitle,
      ...(a.url ? { url: a.url } : {}),
    })),
    publisher: {
      '@type': 'NewsMediaOrganization',
      name: input.publisher.name,
      url: input.publisher.url,
      logo: { '@type': 'ImageObject', url: input.publisher.logo },
    },
    ...(input.print
      ? {
          printEdition: input.print.date,
          printPage: String(input.print.page),
          printSection: input.print.pageName,
        }
      : {}),
  };
}
