/**
 * FActScore's Wikipedia knowledge base as openbench reads it (`utils/factscore_wiki.py`): the enwiki-20230401
 * SQLite dump, one row per article in `documents(title, text)` with the paragraphs joined by
 * `####SPECIAL####SEPARATOR####`. The host (worker, CLI) opens the operator's copy of the file read-only; the engine
 * never locates it itself. An article is looked up by title, split into paragraphs, and reduced to the `passages`
 * paragraphs BM25 ranks highest for the sample's prompt.
 */
import type Database from 'better-sqlite3';
import { Bm25Okapi } from '../scorers/nlp/bm25-okapi';
import { pySplitWhitespace, pyStrip } from '../scorers/python-text.util';

export const WIKIPEDIA_SEPARATOR = '####SPECIAL####SEPARATOR####';

/** `KnowledgeSourceError`: the topic has no article (openbench fails the sample with this message). */
export class KnowledgeSourceError extends Error {
  override name = 'KnowledgeSourceError';
}

export interface WikipediaKnowledge {
  /** `WikipediaRetriever.get_knowledge(topic, query)`: the selected paragraphs joined by a blank line. */
  getKnowledge(topic: string, query: string | undefined, passages: number): string;
  close(): void;
}

/** `_topic_variants`: the title as given, then with underscores as spaces, then with spaces as underscores. */
function topicVariants(topic: string): string[] {
  const stripped = pyStrip(topic);
  const variants = [stripped];
  if (stripped.includes('_')) variants.push(stripped.replaceAll('_', ' '));
  if (stripped.includes(' ')) variants.push(stripped.replaceAll(' ', '_'));
  return variants;
}

/**
 * `_select_passages`: every paragraph when there are at most `passages`, else the top `passages` by BM25 over
 * whitespace tokens (`<s>`/`</s>` markers removed), scored against the query's tokens, or the topic's when the
 * query has none. numpy's `argsort(-scores)` orders ties by its introsort (by document order for up to 16
 * paragraphs, where it is an insertion sort); this keeps document order for ties at any length.
 */
export function selectPassages(topic: string, query: string | undefined, paragraphs: readonly string[], passages: number): string[] {
  if (paragraphs.length <= passages) return [...paragraphs];
  const tokenised = paragraphs.map((paragraph) => pySplitWhitespace(paragraph.replaceAll('<s>', ' ').replaceAll('</s>', ' ')));
  if (!tokenised.some((tokens) => tokens.length > 0)) return paragraphs.slice(0, passages);
  let queryTokens = query ? pySplitWhitespace(query) : [];
  if (queryTokens.length === 0) queryTokens = pySplitWhitespace(topic);
  if (queryTokens.length === 0) return paragraphs.slice(0, passages);
  const scores = new Bm25Okapi(tokenised).getScores(queryTokens);
  const order = scores.map((_, index) => index).sort((a, b) => scores[b] - scores[a] || a - b);
  return order.slice(0, passages).map((index) => paragraphs[index]);
}

/**
 * Opens the dump read-only; a missing file fails here, before any sample, with the path in the message. Knowledge
 * strings are kept per topic for the life of the handle, as openbench's retriever keeps them in memory (it also
 * persists them to a JSON file between runs; rows of a read-only dump need no such cache).
 */
export function openWikipediaKnowledge(dbPath: string): WikipediaKnowledge {
  let db: Database.Database | undefined;
  let byTitle: Database.Statement<[string], { text: string }>;
  try {
    // Loaded here: only a FActScore run needs SQLite, and every process that loads the catalog would pay for it.
    const Sqlite = require('better-sqlite3') as typeof Database;
    db = new Sqlite(dbPath, { readonly: true, fileMustExist: true });
    // Fails here, not at the first sample, when the file is not the dump (no `documents` table).
    byTitle = db.prepare<[string], { text: string }>('SELECT text FROM documents WHERE title = ?');
  } catch (error) {
    db?.close();
    throw new Error(`FActScore's Wikipedia knowledge base could not be opened at ${dbPath} (FACTSCORE_DB_PATH): ${(error as Error).message}`);
  }
  const handle = db;
  const cache = new Map<string, string>();

  /** `fetch_paragraphs`: the first variant whose row has a non-blank paragraph. */
  function fetchParagraphs(topic: string): string[] {
    for (const candidate of topicVariants(topic)) {
      const row = byTitle.get(candidate);
      if (row === undefined) continue;
      const paragraphs = row.text
        .split(WIKIPEDIA_SEPARATOR)
        .filter((paragraph) => pyStrip(paragraph) !== '')
        .map(pyStrip);
      if (paragraphs.length > 0) return paragraphs;
    }
    throw new KnowledgeSourceError(`No Wikipedia entry found for topic '${topic}'.`);
  }

  return {
    getKnowledge(topic, query, passages) {
      const key = pyStrip(topic);
      if (key === '') throw new KnowledgeSourceError('Cannot retrieve knowledge without a topic identifier.');
      // openbench keys its cache by topic alone (the first query asked wins); `passages` is fixed within its run.
      const cacheKey = `${passages}\t${key}`;
      const cached = cache.get(cacheKey);
      if (cached !== undefined) return cached;
      const selected = selectPassages(key, query, fetchParagraphs(key), passages);
      if (selected.length === 0) throw new KnowledgeSourceError(`No passages extracted for topic '${key}'.`);
      const knowledge = selected.join('\n\n');
      cache.set(cacheKey, knowledge);
      return knowledge;
    },
    close() {
      handle.close();
    },
  };
}

