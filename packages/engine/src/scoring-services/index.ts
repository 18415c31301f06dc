export {
  createPerspectiveClient,
  PERSPECTIVE_DEFAULT_URL,
  PerspectiveHttpError,
  type PerspectiveAnalyzeRequest,
  type PerspectiveClient,
  type PerspectiveClientOptions,
} from './perspective.client';
export { closeOperatorFiles, openScicodeTestData, operatorFilesFor, type ScicodeTestData } from './operator-files.source';
export {
  KnowledgeSourceError,
  openWikipediaKnowledge,
  WIKIPEDIA_SEPARATOR,
  type WikipediaKnowledge,
} from './wikipedia-knowledge.source';
