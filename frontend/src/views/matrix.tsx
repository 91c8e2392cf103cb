// Scaffolding while this view is written: replaced by the real view.
import { PageHeader } from '../components/ui';

export default function View() {
  return (
    <section class="page">
      <PageHeader title="matrix" />
    </section>
  );
}
