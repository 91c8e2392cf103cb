import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed operations from the server's own schema files: every GraphQL document
// written with graphql() in src/ gets its result and variable types in
// src/gql/. Regenerate with `npm run codegen`; `npm run codegen:check` (run by
// CI) fails when the committed files are stale.
const config: CodegenConfig = {
  schema: '../graph/schema/*.graphqls',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        skipTypename: true,
        scalars: { ID: 'string', Time: 'string', Money: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
