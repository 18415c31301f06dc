import { PageHeader } from '../components/ui';

export function AnalyticsPage() {
  return <PageHeader title="Analytics" subtitle="Coming with the read API." />;
}
