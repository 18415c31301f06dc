export { STUDIO_VERSION } from '@studio/engine';
export const API_VERSION = '1.0.0';
export const OPENBENCH_COMPAT_VERSION = '0.5.3';
