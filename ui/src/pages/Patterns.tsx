import { useEffect, useRef, useState } from 'preact/hooks';
import * as echarts from 'echarts/core';
import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { get, Page, PatternSummary } from '../api';
import { duration, problemText } from '../format';
import { Link, navigate } from '../nav';

echarts.use([HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

const SHOWN = 25;

/** The recurring patterns: a heat map of incidents per pattern and year, then the list with its figures. */
export function PatternsPage() {
  const params = new URLSearchParams(window.location.search);
  const [sort, setSort] = useState(params.get('sort') ?? 'organizations');
  const [result, setResult] = useState<Page<PatternSummary> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const chart = useRef<HTMLDivElement>(null);

  useEffect(() => {
    document.title = 'Patterns · Faultline';
    history.replaceState(null, '', sort === 'organizations' ? '/patterns' : `/patterns?sort=${sort}`);
    get<Page<PatternSummary>>(`/api/patterns?size=${SHOWN}&sort=${sort}`)
      .then((r) => { setResult(r); setError(null); })
      .catch((e) => setError(problemText(e)));
  }, [sort]);

  useEffect(() => {
    if (!result || !chart.current || result.items.length === 0) return;
    const items = result.items;
    const years: number[] = [];
    const first = Math.min(...items.flatMap((p) => p.perYear.map((y) => y.year)));
    const last = Math.max(...items.flatMap((p) => p.perYear.map((y) => y.year)));
    for (let y = first; y <= last; y++) years.push(y);
    const data: [number, number, number][] = [];
    items.forEach((p, row) => p.perYear.forEach((y) => data.push([years.indexOf(y.year), row, y.count])));
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    const instance = echarts.init(chart.current, dark ? 'dark' : undefined, { renderer: 'canvas' });
    instance.setOption({
      backgroundColor: 'transparent',
      animation: false,
      tooltip: {
        formatter: (p: { value: [number, number, number] }) =>
          `${items[p.value[1]].key}<br/>${years[p.value[0]]}: ${p.value[2]} incident${p.value[2] === 1 ? '' : 's'}`,
      },
      grid: { left: 8, right: 16, top: 8, bottom: 72, containLabel: true },
      xAxis: { type: 'category', data: years.map(String), splitArea: { show: true } },
      yAxis: { type: 'category', data: items.map((p) => p.key.replace(/\+/g, ' + ')), inverse: true, axisLabel: { width: 260, overflow: 'truncate' } },
      visualMap: {
        min: 0, max: Math.max(1, ...data.map((d) => d[2])), calculable: true, orient: 'horizontal', left: 'center', bottom: 0,
        inRange: { color: dark ? ['#1b2a44', '#7aa7ff'] : ['#e8f0fe', '#0b57d0'] },
      },
      series: [{ type: 'heatmap', data, label: { show: true }, emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } } }],
    });
    instance.on('click', (p) => navigate(`/patterns/${encodeURIComponent(items[(p.value as number[])[1]].key)}`));
    const resize = () => instance.resize();
    addEventListener('resize', resize);
    return () => { removeEventListener('resize', resize); instance.dispose(); };
  }, [result]);

  return (
    <section class="patterns">
      <h1>Recurring patterns</h1>
      <p class="meta">Root-cause labels, families and combinations seen in at least two organizations. Durations are
        medians and 90th percentiles, never means.</p>
      {error && <p class="error" role="alert">{error}</p>}
      <label class="sort">Order by{' '}
        <select value={sort} onChange={(e) => setSort((e.target as HTMLSelectElement).value)}>
          <option value="organizations">organizations</option>
          <option value="incidents">incidents</option>
          <option value="recent">most recent</option>
        </select>
      </label>
      {result && result.items.length === 0 && <p class="empty">No pattern yet: a pattern needs the same root-cause label in incidents of two organizations.</p>}
      <div ref={chart} class="heatmap" role="img"
        aria-label={`Heat map of incidents per year for the ${result?.items.length ?? 0} patterns listed below`} />
      {result && result.items.length > 0 && (
        <table class="pattern-table">
          <caption class="visually-hidden">Patterns with their figures</caption>
          <thead><tr><th scope="col">Pattern</th><th scope="col">Incidents</th><th scope="col">Organizations</th><th scope="col">Seen</th>
            <th scope="col">Duration p50 / p90</th><th scope="col">Actions done / proposed</th></tr></thead>
          <tbody>
            {result.items.map((p) => (
              <tr key={p.key}>
                <td><Link href={`/patterns/${encodeURIComponent(p.key)}`}>{p.labels.join(' + ')}</Link></td>
                <td>{p.incidents}</td>
                <td title={p.organizationNames.join(', ')}>{p.organizations}</td>
                <td>{p.firstSeen.slice(0, 4)}–{p.lastSeen.slice(0, 4)}</td>
                <td>{duration(p.durations.duration.p50)} / {duration(p.durations.duration.p90)} <span class="meta">n={p.durations.duration.n}</span></td>
                <td>{p.remediation.done} / {p.remediation.proposed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
