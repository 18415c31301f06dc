/**
 * An app's configuration: the environment shared by gateway and worker, parsed with zod once at start-up, and the
 * local secrets file that fills JWT_SECRET and ENCRYPTION_KEY outside production. Also importable on its own as
 * `@studio/runtime/config`, which loads neither Redis nor BullMQ (the CLI uses it that way).
 */
export * from './env';
export * from './local-secrets';
