import type { Report } from './types';

/**
 * Markdown for "Copy as Markdown". Loaded on demand (its own chunk). Uses the engine's pure
 * renderer, the same one the CLI prints, so the panel and the CLI agree word for word.
 */
export async function reportToMarkdown(report: Report): Promise<string> {
  const mod = await import('@shared/engine/presentation/render-markdown');
  return mod.renderMarkdown(report);
}
