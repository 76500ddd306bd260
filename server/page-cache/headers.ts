/** Marks the page cache's own request for a page: proxy.ts lets it through to Next's rendering. */
export const PAGE_RENDER_HEADER = "x-pcp-page-render";
