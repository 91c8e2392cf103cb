import { GraphiQL } from 'graphiql';
import { createElement, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import './graphiql.css';
import { defaultQuery } from './default-query';
import { createFetcher } from './fetcher';
import { acceptTokenFromURL } from './signin';

acceptTokenFromURL();

const fetcher = createFetcher('/graphql');

const container = document.getElementById('graphiql');
if (!container) {
  throw new Error('graphiql.html has no element with id "graphiql".');
}

createRoot(container).render(
  createElement(
    StrictMode,
    null,
    createElement(
      GraphiQL,
      { fetcher, defaultQuery },
      createElement(GraphiQL.Logo, null, 'Alliance GraphiQL'),
    ),
  ),
);
