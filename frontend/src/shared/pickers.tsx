// Selects of clients and services for the analysis views. Each lists the
// first 100 by name; when there are more, a search box narrows the list, so
// a portfolio of 1,000 clients never loads whole. The chosen one is always
// listed, even when the list does not hold it.
import { useQuery } from '@urql/preact';
import { useSettled } from './hooks';
import { useState } from 'preact/hooks';
import { graphql } from '../gql';
import { clientStatusLook, lifecycleLook, type ClientStatus, type Lifecycle } from './status';
import './pickers.css';

const ClientOptions = graphql(`
  query AnalysisClientOptions($search: String) {
    clients(first: 100, filter: { search: $search }) {
      totalCount
      nodes {
        id
        name
        status
      }
    }
  }
`);

const ChosenClient = graphql(`
  query AnalysisChosenClient($id: ID!) {
    client(id: $id) {
      id
      name
      status
    }
  }
`);

const ServiceOptions = graphql(`
  query AnalysisServiceOptions($search: String) {
    services(first: 100, filter: { search: $search, lifecycle: [PLANNED, LIVE, RETIRING] }) {
      totalCount
      nodes {
        id
        name
        lifecycle
      }
    }
  }
`);

interface Option {
  id: string;
  label: string;
}

function Picker({
  id,
  label,
  value,
  allLabel,
  options,
  total,
  fetching,
  failed,
  search,
  onSearch,
  onChange,
  noun,
}: {
  id: string;
  label: string;
  value: string | undefined;
  allLabel: string;
  options: Option[];
  total: number;
  fetching: boolean;
  failed: boolean;
  search: string;
  onSearch: (s: string) => void;
  onChange: (id: string | undefined) => void;
  noun: string;
}) {
  // The search box shows when the list cannot hold everything (or is being searched).
  const needsSearch = total > options.length || search !== '';
  return (
    <div class="analysis-picker">
      <label for={id}>{label}</label>
      <div class="analysis-picker-controls">
        {needsSearch && (
          <input
            type="search"
            class="analysis-picker-search"
            placeholder={`Find a ${noun}`}
            aria-label={`Find a ${noun} (narrows the list)`}
            value={search}
            onInput={(e) => onSearch((e.target as HTMLInputElement).value)}
          />
        )}
        <select id={id} value={value ?? ''} onChange={(e) => onChange((e.target as HTMLSelectElement).value || undefined)}>
          <option value="">{allLabel}</option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
          {fetching && options.length === 0 && <option disabled>Loading…</option>}
          {failed && <option disabled>Could not load the list</option>}
        </select>
      </div>
      {needsSearch && !fetching && (
        <span class="muted small">
          {total > options.length ? `Showing ${options.length} of ${total.toLocaleString('en-US')}: type to narrow.` : `${options.length} found.`}
        </span>
      )}
    </div>
  );
}

/** Adds the chosen item when the list does not have it. */
function withChosen(options: Option[], chosen: Option | null | undefined): Option[] {
  if (!chosen || options.some((o) => o.id === chosen.id)) return options;
  return [chosen, ...options];
}

const clientLabel = (c: { name: string; status: ClientStatus }) =>
  c.status === 'ACTIVE' ? c.name : `${c.name} (${clientStatusLook[c.status].label.toLowerCase()})`;

/** A select of clients, with "all clients" (no value) first. */
export function ClientPicker({
  value,
  onChange,
  label = 'Client',
  allLabel = 'All clients',
}: {
  value: string | undefined;
  onChange: (id: string | undefined) => void;
  label?: string;
  allLabel?: string;
}) {
  const [search, setSearch] = useState('');
  const settled = useSettled(search);
  const [list] = useQuery({ query: ClientOptions, variables: { search: settled || null } });
  const [chosen] = useQuery({ query: ChosenClient, variables: { id: value ?? '' }, pause: !value });
  const nodes = list.data?.clients.nodes ?? [];
  const c = value ? chosen.data?.client : null;
  const options = withChosen(
    nodes.map((n) => ({ id: n.id, label: clientLabel(n) })),
    c ? { id: c.id, label: clientLabel(c) } : value && !chosen.fetching ? { id: value, label: `Client ${value} (unknown)` } : null,
  );
  return (
    <Picker
      id="analysis-client"
      label={label}
      value={value}
      allLabel={allLabel}
      options={options}
      total={list.data?.clients.totalCount ?? 0}
      fetching={list.fetching}
      failed={!!list.error}
      search={search}
      onSearch={setSearch}
      onChange={onChange}
      noun="client"
    />
  );
}

const serviceLabel = (s: { name: string; lifecycle: Lifecycle }) =>
  s.lifecycle === 'LIVE' ? s.name : `${s.name} (${lifecycleLook[s.lifecycle].label.toLowerCase()})`;

/** A select of the services that are not retired, by name. */
export function ServicePicker({
  value,
  chosen,
  onChange,
  label = 'Service',
}: {
  value: string | undefined;
  /** The chosen service when known (it may be retired, so not in the list). */
  chosen?: { id: string; name: string; lifecycle: Lifecycle } | null;
  onChange: (id: string | undefined) => void;
  label?: string;
}) {
  const [search, setSearch] = useState('');
  const settled = useSettled(search);
  const [list] = useQuery({ query: ServiceOptions, variables: { search: settled || null } });
  const nodes = list.data?.services.nodes ?? [];
  const options = withChosen(
    nodes.map((n) => ({ id: n.id, label: serviceLabel(n) })),
    chosen ? { id: chosen.id, label: serviceLabel(chosen) } : null,
  );
  return (
    <Picker
      id="analysis-service"
      label={label}
      value={value}
      allLabel="Choose a service…"
      options={options}
      total={list.data?.services.totalCount ?? 0}
      fetching={list.fetching}
      failed={!!list.error}
      search={search}
      onSearch={setSearch}
      onChange={onChange}
      noun="service"
    />
  );
}
