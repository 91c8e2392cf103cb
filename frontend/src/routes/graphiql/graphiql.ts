// GraphiQL at /graphiql (graphiql.html): a React page of its own, with the
// stored token sent along and "Save as report" in its toolbar.
import { GraphiQL } from 'graphiql';
import { createElement, Fragment, StrictMode, type ComponentProps } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import './graphiql.css';
import { defaultQuery } from './default-query';
import { createFetcher } from './fetcher';
import { acceptTokenFromURL } from '../../shared/token';
import { SaveAsReportButton } from './console';

acceptTokenFromURL();

const fetcher = createFetcher('/graphql');

// GraphiQL's own toolbar buttons, then "Save as report".
const toolbar: ComponentProps<typeof GraphiQL.Toolbar>['children'] = ({ prettify, merge, copy }) =>
  createElement(Fragment, null, prettify, merge, copy, createElement(SaveAsReportButton));

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
      createElement(GraphiQL.Toolbar, { children: toolbar }),
    ),
  ),
);
