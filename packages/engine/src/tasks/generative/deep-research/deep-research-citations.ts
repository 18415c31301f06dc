/**
 * The text side of openbench's deep_research_bench solver (`solvers/deep_research_bench/deep_research_bench.py`,
 * commit d03922c): the citations found in the article, de-duplicated in order, and the section appended to it.
 */
import { PY_SPACE } from '../../../scorers/python-text.util';
import { pyStr } from '../../../scorers/python-str.util';
import type { CitationAnnotation } from './deep-research.types';

const MARKDOWN_LINK = /\[([^\]]+)\]\(([^)]+)\)/gu;
/** `https?://[^\s\)]+` with Python's `\s`. */
const BARE_URL = new RegExp(`https?://(?:(?!${PY_SPACE})[^)])+`, 'gu');

/** `extract_embedded_citations`: markdown link targets that are web URLs, then every bare URL (links' again). */
export function extractEmbeddedCitations(text: string): string[] {
  const citations: string[] = [];
  for (const match of text.matchAll(MARKDOWN_LINK)) {
    const url = match[2];
    if (url.startsWith('http://') || url.startsWith('https://')) citations.push(url);
  }
  for (const match of text.matchAll(BARE_URL)) citations.push(match[0]);
  return citations;
}

/**
 * The end of `extract_citations_from_state`: the provider's citations then the embedded ones, first occurrence kept;
 * annotations with a non-empty `url`, first per URL.
 */
export function collectCitations(
  researchArticle: string,
  citations: readonly string[] = [],
  annotations: readonly CitationAnnotation[] = [],
): { citations: string[]; annotations: CitationAnnotation[] } {
  const uniqueCitations = [...new Set([...citations, ...extractEmbeddedCitations(researchArticle)])];
  const uniqueAnnotations: CitationAnnotation[] = [];
  const seenUrls = new Set<string>();
  for (const annotation of annotations) {
    const url = annotation.url ?? '';
    if (url === '' || typeof url !== 'string' || seenUrls.has(url)) continue;
    uniqueAnnotations.push(annotation);
    seenUrls.add(url);
  }
  return { citations: uniqueCitations, annotations: uniqueAnnotations };
}

/** `format_citation_section`. */
export function formatCitationSection(citations: readonly string[], annotations: readonly CitationAnnotation[]): string {
  let content = '\n\n';
  if (citations.length > 0) {
    content += '## Citations\n\n';
    citations.forEach((url, index) => {
      content += `${index + 1}. ${url}\n`;
    });
    content += '\n';
  }
  if (annotations.length > 0) {
    content += '## Sources with Titles\n\n';
    annotations.forEach((annotation, index) => {
      const title = 'title' in annotation ? annotation.title : 'Unknown Title';
      const url = 'url' in annotation ? annotation.url : '';
      content += `${index + 1}. **${pyStr(title)}**\n`;
      content += `   - URL: ${pyStr(url)}\n\n`;
    });
  }
  return content;
}

/** The solver's article: the completion with the citation section appended when there is any citation. */
export function researchArticleWithCitations(
  completion: string,
  citations: readonly string[] = [],
  annotations: readonly CitationAnnotation[] = [],
): string {
  const found = collectCitations(completion, citations, annotations);
  if (found.citations.length === 0 && found.annotations.length === 0) return completion;
  return completion + formatCitationSection(found.citations, found.annotations);
}
