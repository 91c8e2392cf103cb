import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed operations from the server's own schema files: every GraphQL document
// written with graphql() in src/ gets its result and variable types in
// src/gql/. Regenerate with `npm run codegen`; `npm run codegen:check` (run by
// CI) fails when the committed files are stale.
//
// The client preset's graphql() looks each document up in one map of every
// document it generated, which the first view loads whole: a view may keep
// its documents out of it in a folder of its own (listed in ownDocuments),
// with a graphql() of its own in that folder's gql/, loaded with the view only.
const ownDocuments = ['src/routes/sources'];
const output = {
  preset: 'client' as const,
  presetConfig: { fragmentMasking: false },
  config: {
    useTypeImports: true,
    enumsAsTypes: true,
    skipTypename: true,
    scalars: { ID: 'string', Time: 'string', Money: 'string', JSON: 'unknown' },
  },
};
const config: CodegenConfig = {
  schema: '../graph/schema/*.graphqls',
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': { ...output, documents: ['src/**/*.{ts,tsx}', '!src/**/gql/**/*', ...ownDocuments.map((d) => `!${d}/**/*`)] },
    ...Object.fromEntries(ownDocuments.map((d) => [`${d}/gql/`, { ...output, documents: [`${d}/**/*.{ts,tsx}`, `!${d}/gql/**/*`] }])),
  },
};

export default config;
