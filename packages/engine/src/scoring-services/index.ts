export {
  createPerspectiveClient,
  PERSPECTIVE_DEFAULT_URL,
  PerspectiveHttpError,
  type PerspectiveAnalyzeRequest,
  type PerspectiveClient,
  type PerspectiveClientOptions,
} from './perspective.client';
