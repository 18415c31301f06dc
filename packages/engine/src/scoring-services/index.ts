export {
  createPerspectiveClient,
  PERSPECTIVE_DEFAULT_URL,
  PerspectiveHttpError,
  type PerspectiveAnalyzeRequest,
  type PerspectiveClient,
  type PerspectiveClientOptions,
} from './perspective.client';
export { createJinaClient, JINA_DEFAULT_URL, type JinaClient, type JinaClientOptions, type JinaScrapeResult } from './jina.client';
export { scoringServiceClient } from './scoring-service.clients';
export { closeOperatorFiles, openScicodeTestData, operatorFilesFor, type ScicodeTestData } from './operator-files.source';
export {
  KnowledgeSourceError,
  openWikipediaKnowledge,
  WIKIPEDIA_SEPARATOR,
  type WikipediaKnowledge,
} from './wikipedia-knowledge.source';
