// `node --require src/ts-source.hook.cjs run-bundle.cjs BUNDLE args…`: `studio args…` from BUNDLE through the launcher.
const [bundle] = process.argv.splice(2, 1);
require('../src/bundle.launcher.ts').runBundle(bundle);
