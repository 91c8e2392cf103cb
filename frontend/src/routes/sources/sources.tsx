// Measurement sources: where the server pulls services' measurements from
// (a PromQL expression on a Prometheus, one measurement per closed day, week
// or month). Editors of the provider add a source, test its expression (the
// value it gives now, or the error), pull it now, pause, resume and delete
// it. Nobody else is shown them: the server refuses them to viewers and to
// client-limited callers.
import { useMutation, useQuery } from '@urql/preact';
import { useEffect, useState } from 'preact/hooks';
import { graphql } from './gql';
import type { SourcePeriod, SourceStatus, SourcesListQuery } from './gql/graphql';
import { problemOf, type Problem } from '../../shared/api';
import { fieldError, formError, SelectField, TextArea, TextField } from '../../shared/form';
import { formatDate, formatNumber, formatTime } from '../../shared/format';
import type { Route } from '../../shared/router';
import { useSession } from '../../shared/session';
import { Empty, ErrorBox, Loading, PageHeader } from '../../shared/ui';
import './sources.css';

const SourcesList = graphql(`
  query SourcesList($serviceId: ID, $internal: Boolean! = true) {
    measurementSources(serviceId: $serviceId) @include(if: $internal) {
      id
      expression
      period
      url
      authKind
      hasCredentials
      horizon
      paused
      lastStatus
      lastRunAt
      lastError
      lastPeriodEnd
      nextPeriodEnd
      service {
        id
        name
      }
      metric {
        key
        name
        unit
      }
    }
    services(first: 100) {
      nodes {
        id
        name
      }
    }
    metrics {
      key
      name
    }
  }
`);

const SourceCreate = graphql(`
  mutation SourceCreate($in: MeasurementSourceInput!) {
    createMeasurementSource(input: $in) {
      id
    }
  }
`);

const SourceTestNew = graphql(`
  mutation SourceTestNew($in: MeasurementSourceInput!) {
    testMeasurementSource(input: $in) {
      status
      value
      error
      at
    }
  }
`);

const SourceTestSaved = graphql(`
  mutation SourceTestSaved($id: ID!) {
    testMeasurementSource(id: $id) {
      status
      value
      error
      at
    }
  }
`);

const SourcePull = graphql(`
  mutation SourcePull($id: ID!) {
    pullMeasurementSource(id: $id) {
      status
      recorded
      error
    }
  }
`);

const SourcePause = graphql(`
  mutation SourcePause($id: ID!, $paused: Boolean!) {
    updateMeasurementSource(id: $id, input: { paused: $paused }) {
      id
      paused
    }
  }
`);

const SourceDelete = graphql(`
  mutation SourceDelete($id: ID!) {
    deleteMeasurementSource(id: $id)
  }
`);

/** What the statuses mean, in words. */
const statusWords: Record<SourceStatus, string> = {
  OK: 'OK',
  UNCHANGED: 'Up to date',
  UNREACHABLE: 'Unreachable',
  QUERY_ERROR: 'Query error',
  EMPTY_RESULT: 'No data',
  MANY_SERIES: 'Several series',
  NOT_NUMERIC: 'Not a number',
  REFUSED: 'Value refused',
};

const periods: Array<{ value: SourcePeriod; label: string }> = [
  { value: 'DAILY', label: 'Daily' },
  { value: 'WEEKLY', label: 'Weekly (from Monday)' },
  { value: 'MONTHLY', label: 'Monthly' },
];

type TestResult = { status: SourceStatus; value?: number | null; error?: string | null };

/** A test's outcome: the value, or the error. */
function TestOutcome({ result }: { result: TestResult | null }) {
  if (!result) return null;
  return result.status === 'OK' ? (
    <p class="source-test ok" data-test-result="OK" role="status">
      The expression gives <strong data-value>{formatNumber(result.value)}</strong> now.
    </p>
  ) : (
    <p class="source-test failed" data-test-result={result.status} role="alert">
      {statusWords[result.status]}: {result.error}
    </p>
  );
}

export default function SourcesView({ route }: { route: Route }) {
  const session = useSession();
  const serviceId = route.name === 'sources' ? route.service : undefined;
  useEffect(() => {
    document.title = 'Measurement sources · Alliance';
  }, []);
  if (!session.canEditInternal) {
    return (
      <section class="page" data-view="sources">
        <PageHeader title="Measurement sources" />
        <Empty>Measurement sources are managed by the provider's editors.</Empty>
      </section>
    );
  }
  return <Sources serviceId={serviceId} />;
}

function Sources({ serviceId }: { serviceId?: string }) {
  const [res, reload] = useQuery({ query: SourcesList, variables: { serviceId: serviceId ?? null }, requestPolicy: 'cache-and-network' });
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const sources = res.data?.measurementSources ?? [];
  return (
    <section class="page" data-view="sources">
      <PageHeader
        title="Measurement sources"
        subtitle="Measurements pulled from Prometheus: at the end of each closed day, week or month the expression is evaluated and its value recorded for the service's metric. Missing periods are filled back to the horizon."
      />
      {res.error && !res.data ? (
        <ErrorBox error={res.error} retry={refresh} />
      ) : !res.data ? (
        <Loading />
      ) : (
        <>
          {sources.length === 0 ? (
            <Empty>No measurement source yet{serviceId ? ' for this service' : ''}: add one below.</Empty>
          ) : (
            <table class="sources">
              <thead>
                <tr>
                  <th>Service · metric</th>
                  <th>Expression</th>
                  <th>Period</th>
                  <th>Last run</th>
                  <th>Last period</th>
                  <th>Next due</th>
                  <th>
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sources.map((s) => (
                  <SourceRow key={s.id} source={s} changed={refresh} />
                ))}
              </tbody>
            </table>
          )}
          <h2>Add a source</h2>
          <SourceForm services={res.data.services.nodes} metrics={res.data.metrics} serviceId={serviceId} added={refresh} />
        </>
      )}
    </section>
  );
}

type Row = NonNullable<SourcesListQuery['measurementSources']>[number];

function SourceRow({ source: s, changed }: { source: Row; changed: () => void }) {
  const [tested, setTested] = useState<TestResult | null>(null);
  const [test, runTest] = useMutation(SourceTestSaved);
  const [pull, runPull] = useMutation(SourcePull);
  const [pause, runPause] = useMutation(SourcePause);
  const [del, runDelete] = useMutation(SourceDelete);
  const [pulled, setPulled] = useState<string | null>(null);
  const problem = problemOf(test.error ?? pull.error ?? pause.error ?? del.error);
  const busy = test.fetching || pull.fetching || pause.fetching || del.fetching;
  return (
    <>
      <tr data-source={s.id} class={s.paused ? 'paused' : undefined}>
        <td>
          <a href={`/services/${encodeURIComponent(s.service.id)}`}>{s.service.name}</a> · {s.metric.name}
        </td>
        <td>
          <code>{s.expression}</code>
          <div class="muted">
            {s.url}
            {s.authKind !== 'NONE' && ` (${s.authKind === 'BEARER' ? 'bearer token' : 'basic'})`}
          </div>
        </td>
        <td>{periods.find((p) => p.value === s.period)?.label}</td>
        <td data-status={s.lastStatus ?? 'NONE'}>
          {s.paused && <span class="source-paused">Paused · </span>}
          {s.lastStatus ? (
            <>
              <span class={`source-status status-${s.lastStatus.toLowerCase()}`}>{statusWords[s.lastStatus]}</span>, {formatTime(s.lastRunAt)}
              {s.lastError && <div class="source-error">{s.lastError}</div>}
            </>
          ) : (
            <span class="muted">Not run yet</span>
          )}
        </td>
        <td>{s.lastPeriodEnd ? `to ${formatDate(s.lastPeriodEnd)}` : '—'}</td>
        <td>{formatDate(s.nextPeriodEnd)}</td>
        <td class="source-actions">
          <button
            type="button"
            class="button"
            disabled={busy}
            onClick={() => void runTest({ id: s.id }).then((r) => r.data && setTested(r.data.testMeasurementSource))}
          >
            Test
          </button>
          <button
            type="button"
            class="button"
            disabled={busy}
            onClick={() =>
              void runPull({ id: s.id }).then((r) => {
                const p = r.data?.pullMeasurementSource;
                if (p) setPulled(p.error ? `${statusWords[p.status]}: ${p.error}` : `${statusWords[p.status]}: ${p.recorded} recorded`);
                changed();
              })
            }
          >
            Pull now
          </button>
          <button type="button" class="button" disabled={busy} onClick={() => void runPause({ id: s.id, paused: !s.paused }).then(changed)}>
            {s.paused ? 'Resume' : 'Pause'}
          </button>
          <button
            type="button"
            class="button danger"
            disabled={busy}
            onClick={() => {
              if (window.confirm(`Delete this source? The measurements it recorded stay.`)) void runDelete({ id: s.id }).then(changed);
            }}
          >
            Delete
          </button>
        </td>
      </tr>
      {(tested || pulled || problem) && (
        <tr class="source-outcome">
          <td colSpan={7}>
            <TestOutcome result={tested} />
            {pulled && (
              <p class="source-pulled" role="status">
                {pulled}
              </p>
            )}
            {problem && (
              <p class="error" role="alert">
                {problem.message}
              </p>
            )}
          </td>
        </tr>
      )}
    </>
  );
}

type Auth = 'NONE' | 'BEARER' | 'BASIC';

const fields = ['serviceId', 'metric', 'expression', 'period', 'url', 'auth', 'horizon'];

function SourceForm({
  services,
  metrics,
  serviceId,
  added,
}: {
  services: ReadonlyArray<{ id: string; name: string }>;
  metrics: ReadonlyArray<{ key: string; name: string }>;
  serviceId?: string;
  added: () => void;
}) {
  const [service, setService] = useState(serviceId ?? services[0]?.id ?? '');
  const [metric, setMetric] = useState(metrics.find((m) => m.key === 'availability')?.key ?? metrics[0]?.key ?? '');
  const [expression, setExpression] = useState('');
  const [period, setPeriod] = useState<SourcePeriod>('DAILY');
  const [url, setUrl] = useState('');
  const [auth, setAuth] = useState<Auth>('NONE');
  const [token, setToken] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [horizon, setHorizon] = useState('12');
  const [tested, setTested] = useState<TestResult | null>(null);
  const [testState, runTest] = useMutation(SourceTestNew);
  const [createState, create] = useMutation(SourceCreate);
  const [problem, setProblem] = useState<Problem | null>(null);
  const input = () => ({
    serviceId: service,
    metric,
    expression,
    period,
    url,
    horizon: Number(horizon),
    auth: auth === 'BEARER' ? { bearerToken: token } : auth === 'BASIC' ? { username, password } : null,
  });
  return (
    <form
      class="source-form"
      onSubmit={(e) => {
        e.preventDefault();
        void create({ in: input() }).then((r) => {
          setProblem(problemOf(r.error));
          if (!r.error) {
            setExpression('');
            setTested(null);
            added();
          }
        });
      }}
    >
      <SelectField label="Service" value={service} options={services.map((s) => ({ value: s.id, label: s.name }))} onValue={setService} error={fieldError(problem, 'serviceId')} />
      <SelectField label="Metric" value={metric} options={metrics.map((m) => ({ value: m.key, label: m.name }))} onValue={setMetric} error={fieldError(problem, 'metric')} />
      <TextArea
        label="PromQL expression"
        value={expression}
        onValue={setExpression}
        error={fieldError(problem, 'expression')}
        hint={'Evaluated at the end of each period; one number, such as avg_over_time(probe_success{job="erp"}[1d]) * 100'}
      />
      <SelectField label="Period" value={period} options={periods} onValue={setPeriod} error={fieldError(problem, 'period')} />
      <TextField label="Prometheus URL" value={url} onValue={setUrl} placeholder="http://prometheus.example.com:9090" error={fieldError(problem, 'url')} />
      <SelectField<Auth>
        label="Authentication"
        value={auth}
        options={[
          { value: 'NONE', label: 'None' },
          { value: 'BEARER', label: 'Bearer token' },
          { value: 'BASIC', label: 'Username and password' },
        ]}
        onValue={setAuth}
      />
      {auth === 'BEARER' && <TextField label="Bearer token" type="password" autoComplete="off" value={token} onValue={setToken} error={fieldError(problem, 'auth.bearerToken')} />}
      {auth === 'BASIC' && (
        <>
          <TextField label="Username" autoComplete="off" value={username} onValue={setUsername} error={fieldError(problem, 'auth.username')} />
          <TextField label="Password" type="password" autoComplete="new-password" value={password} onValue={setPassword} error={fieldError(problem, 'auth.password')} />
        </>
      )}
      <TextField
        label="Horizon (periods back)"
        type="number"
        min={1}
        max={400}
        value={horizon}
        onValue={setHorizon}
        error={fieldError(problem, 'horizon')}
        hint="Missing periods are filled back this far."
      />
      {formError(problem, fields) && (
        <p class="error" role="alert">
          {formError(problem, fields)}
        </p>
      )}
      <TestOutcome result={tested} />
      <div class="source-form-buttons">
        <button
          type="button"
          class="button"
          disabled={testState.fetching}
          onClick={() =>
            void runTest({ in: input() }).then((r) => {
              setProblem(problemOf(r.error));
              setTested(r.data?.testMeasurementSource ?? null);
            })
          }
        >
          {testState.fetching ? 'Testing…' : 'Test'}
        </button>
        <button type="submit" class="button primary" disabled={createState.fetching}>
          Add source
        </button>
      </div>
    </form>
  );
}
