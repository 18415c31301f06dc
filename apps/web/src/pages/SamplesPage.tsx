import { PageHeader } from '../components/ui';

export function SamplesPage() {
  return <PageHeader title="Samples" subtitle="Coming with the read API." />;
}
