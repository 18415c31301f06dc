import { PageHeader } from '../components/ui';

export function ComparePage() {
  return <PageHeader title="Compare" subtitle="Coming with the read API." />;
}
