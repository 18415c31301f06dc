/** The product's version: in every `.eval` log's `packages` and in the gateway's health report. */
export const STUDIO_VERSION = '0.1.0';
