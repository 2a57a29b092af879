import type { DatasetView } from '../../state/app-state';
import type { Store } from '../../state/store';
import type { ExploreView } from '../explore/use-explore';
import { LegendPanel } from '../workbench/LegendPanel';
import { SourceLegend } from './SourceLegend';

/**
 * The points legend of the shown dataset: by source with the weights on a weighted combination
 * (its points are coloured by source), else by offense group with the toggles.
 */
export function ShownLegend(props: { dataset: DatasetView; view: ExploreView; visibleGroups: readonly boolean[]; pointRadius: number; store: Store }) {
  const { dataset, view, visibleGroups, pointRadius, store } = props;
  const sources = view.base?.sources ?? null;
  if (sources) return <SourceLegend dataset={dataset} sources={sources} view={view} pointRadius={pointRadius} store={store} />;
  return <LegendPanel dataset={dataset} visibleGroups={visibleGroups} pointRadius={pointRadius} store={store} />;
}
