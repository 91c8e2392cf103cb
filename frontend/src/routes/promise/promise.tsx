// Promise check: the targets a salesperson is about to promise, and the
// services that meet them by design, have also delivered them, and have room.
// The targets live in the address bar (?t=support_hours:168,response_minutes:15),
// so a check can be shared; the check runs from there.
import { stringifyDocument } from '@urql/core';
import { useQuery } from '@urql/preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { problemOf } from '../../shared/api';
import { navigate } from '../../shared/navigation';
import type { Route } from '../../shared/router';
import { useSession } from '../../shared/session';
import { graphql } from '../../gql';
import { SaveAsReport } from '../../shared/saveAsReport';
import { DownloadMenu } from '../../shared/download';
import { Empty, ErrorBox, Loading, PageHeader } from '../../shared/ui';
import { newRow, PromiseForm, type FormRow } from './promiseForm';
import { PromiseResults } from './promiseResults';
import {
  filledRows,
  parseTargets,
  printTargets,
  problemAt,
  promisePath,
  targetsOf,
  targetsParam,
  type RowProblem,
  type TargetRow,
} from './promiseTargets';
import './promise.css';

const PromiseMetrics = graphql(`
  query PromiseMetrics {
    metrics {
      key
      name
      unit
      direction
    }
  }
`);

const PromiseMatches = graphql(`
  query PromiseMatches($targets: [LevelInput!]!, $internal: Boolean! = true) {
    serviceMatches(targets: $targets) {
      delivers
      spareCapacity @include(if: $internal)
      service {
        id
        name
        lifecycle
        monthlyCost @include(if: $internal)
        capacity @include(if: $internal)
        designedLevels {
          value
          metric {
            key
          }
        }
      }
    }
  }
`);

const formRows = (rows: TargetRow[]): FormRow[] => (rows.length ? rows.map((r) => newRow(r)) : [newRow()]);
const isBlank = (r: TargetRow | undefined) => !r || (r.metric.trim() === '' && r.value.trim() === '');

export default function PromiseView({ route }: { route: Route }) {
  const session = useSession();
  useEffect(() => {
    document.title = 'Promise check · Alliance';
  }, []);
  // The route changes whenever the address does; the targets are read from it.
  const urlText = route.name === 'promise' ? targetsParam(location.search) : '';
  const urlRows = useMemo(() => parseTargets(urlText), [urlText]);
  const asked = useMemo(() => targetsOf(urlRows), [urlRows]);
  const runnable = asked.targets.length > 0 && asked.problems.length === 0;

  const [rows, setRows] = useState<FormRow[]>(() => formRows(urlRows));
  const [localProblems, setLocalProblems] = useState<RowProblem[]>([]);
  const [formProblem, setFormProblem] = useState<string | undefined>();
  useEffect(() => {
    setRows(formRows(urlRows));
    setLocalProblems([]);
    setFormProblem(undefined);
  }, [urlText]);

  const [metricsRes, reloadMetrics] = useQuery({ query: PromiseMetrics });
  const [res, rerun] = useQuery({ query: PromiseMatches, variables: { targets: asked.targets }, pause: !runnable });
  const problem = runnable ? problemOf(res.error) : null;
  const badInput = problem?.code === 'BAD_USER_INPUT';
  const serverRowProblem = badInput ? problemAt(problem?.field, problem?.message ?? '') : null;
  const dirty = printTargets(rows) !== printTargets(urlRows);

  // Problems at the rows: those found on submit, else (while the form still
  // shows what was checked) those of the address and the server's.
  const problems: RowProblem[] = localProblems.length
    ? localProblems
    : dirty
      ? []
      : [...asked.problems, ...(serverRowProblem ? [serverRowProblem] : [])];
  const shownFormProblem = formProblem ?? (badInput && !serverRowProblem && !dirty ? problem?.message : undefined);

  function submit() {
    setFormProblem(undefined);
    const found = targetsOf(rows).problems.filter((p) => !isBlank(rows[p.index]));
    const filled = filledRows(rows);
    if (filled.length === 0) {
      setLocalProblems([]);
      setFormProblem('Add at least one target: a metric and a value.');
      return;
    }
    setLocalProblems(found);
    if (found.length > 0) return;
    const path = promisePath(filled);
    if (path === location.pathname + location.search) {
      setRows(formRows(filled));
      rerun({ requestPolicy: 'network-only' });
    } else {
      navigate(path);
    }
  }

  const metrics = metricsRes.data?.metrics ?? [];
  return (
    <section class="page promise-page" data-view="promise">
      <PageHeader
        title="Promise check"
        subtitle={
          session.internal
            ? 'Before you sign: enter the service levels you are about to promise, and see which services are designed for all of them, which have also delivered them, and which have room for another client.'
            : 'Enter the service levels you would ask for, and see which services are designed for all of them and which have also delivered them.'
        }
        actions={
          runnable &&
          !res.error && (
            <>
              <DownloadMenu what="promise" params={{ targets: asked.targets }} />
              <SaveAsReport title="Promise check" query={stringifyDocument(PromiseMatches)} variables={{ targets: asked.targets }} />
            </>
          )
        }
      />
      {metricsRes.error ? (
        <ErrorBox error={metricsRes.error} retry={() => reloadMetrics()} />
      ) : !metricsRes.data ? (
        <Loading what="Loading the metrics" />
      ) : (
        <PromiseForm
          rows={rows}
          metrics={metrics}
          problems={problems}
          formProblem={shownFormProblem}
          busy={runnable && res.fetching}
          onRows={setRows}
          onSubmit={submit}
        />
      )}
      {!runnable ? (
        <Empty>
          {urlRows.length === 0
            ? 'Enter one or more targets and check: the answer lists every service designed for all of them.'
            : 'Fix the targets marked above, then check again.'}
        </Empty>
      ) : res.error && !badInput ? (
        <ErrorBox error={res.error} retry={() => rerun({ requestPolicy: 'network-only' })} />
      ) : res.error ? (
        <Empty>The server refused these targets: see the problem marked above.</Empty>
      ) : !res.data || res.fetching ? (
        <Loading what="Checking the services" />
      ) : (
        <PromiseResults matches={res.data.serviceMatches} targets={asked.targets} metrics={metrics} stale={dirty} />
      )}
    </section>
  );
}
