export {
  createPerspectiveClient,
  PERSPECTIVE_DEFAULT_URL,
  PerspectiveHttpError,
  type PerspectiveAnalyzeRequest,
  type PerspectiveClient,
  type PerspectiveClientOptions,
} from './perspective.client';
export {
  factscoreKnowledgeFor,
  KnowledgeSourceError,
  openWikipediaKnowledge,
  WIKIPEDIA_SEPARATOR,
  type WikipediaKnowledge,
} from './wikipedia-knowledge.source';
