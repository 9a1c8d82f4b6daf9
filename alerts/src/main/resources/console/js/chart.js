// Readings over time with ECharts (from its webjar), drawn as SVG: the line, the limit as a dashed line, the alert
// intervals shaded by severity, and evidence points marked.
import * as echarts from 'echarts';
import { t, number, locale, label } from './i18n.js';

const SEVERITY_SHADE = {
  CRITICAL: 'rgba(220, 38, 38, 0.14)',
  MAJOR: 'rgba(234, 88, 12, 0.13)',
  WARNING: 'rgba(202, 138, 4, 0.13)',
  INFO: 'rgba(37, 99, 235, 0.10)',
};

/** A chart in `element`; call draw() with data, dispose() when the view goes. */
export function readingsChart(element) {
  const chart = echarts.init(element, null, { renderer: 'svg', locale: locale() === 'zh-CN' ? 'ZH' : 'EN' });
  const resize = new ResizeObserver(() => chart.resize());
  resize.observe(element);
  return {
    /**
     * series: /api/readings' answer; alerts: the device's alerts (latest state each); evidence: points to mark.
     * Alert intervals run from startedAt to the resolution (at), or to now while open.
     */
    draw({ series, alerts = [], evidence = [], now = Date.now() }) {
      const from = new Date(series.from).getTime();
      const to = Math.min(new Date(series.to).getTime(), now);
      const points = series.points.map(p => [p.ts, p.value]);
      const intervals = alerts
        .filter(a => a.deviceId === series.deviceId && (a.metric == null || a.metric === series.metric) && a.startedAt)
        .map(a => ({ alert: a, start: Math.max(new Date(a.startedAt).getTime(), from), end: a.state === 'RESOLVED' ? new Date(a.at).getTime() : to }))
        .filter(i => i.end > i.start);
      const limit = series.limit;
      const values = series.points.flatMap(p => [p.value, p.max ?? p.value]);
      const top = Math.max(...values, limit ?? -Infinity);
      chart.setOption({
        animation: false,
        textStyle: { fontFamily: 'inherit' },
        grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
        tooltip: {
          trigger: 'axis',
          valueFormatter: value => `${number(value, 2)}${series.unit ? ` ${series.unit}` : ''}`,
        },
        xAxis: {
          type: 'time', min: from, max: to,
          axisLine: { lineStyle: { color: '#cbd5e1' } },
          axisLabel: {
            color: '#64748b', hideOverlap: true,
            formatter: { day: '{MM}-{dd}', hour: '{HH}:{mm}', minute: '{HH}:{mm}' },
          },
          splitLine: { show: false },
        },
        yAxis: {
          type: 'value', scale: false, min: 0,
          max: Number.isFinite(top) && top > 0 ? niceCeiling(top * 1.1) : null,
          name: series.unit ?? '', nameTextStyle: { color: '#64748b', align: 'left' },
          axisLabel: { color: '#64748b' },
          splitLine: { lineStyle: { color: '#eef2f6' } },
        },
        series: [
          {
            name: label('metric', series.metric), type: 'line', data: points, showSymbol: false,
            lineStyle: { width: 1.6, color: '#0f766e' }, itemStyle: { color: '#0f766e' },
            areaStyle: { color: new echarts.graphic.LinearGradient(0, 0, 0, 1, [
              { offset: 0, color: 'rgba(15, 118, 110, 0.18)' }, { offset: 1, color: 'rgba(15, 118, 110, 0.01)' }]) },
            markLine: limit == null ? undefined : {
              silent: true, symbol: 'none',
              lineStyle: { color: '#dc2626', type: 'dashed', width: 1.4 },
              label: { position: 'insideEndTop', color: '#b91c1c', formatter: t('chart.limit', { limit: number(limit, 2) }) },
              data: [{ yAxis: limit }],
            },
            markArea: intervals.length === 0 ? undefined : {
              silent: true,
              data: intervals.map(i => [
                { xAxis: i.start, itemStyle: { color: SEVERITY_SHADE[i.alert.severity] ?? SEVERITY_SHADE.INFO } },
                { xAxis: i.end }]),
            },
          },
          evidence.length === 0 ? null : {
            name: t('chart.evidence'), type: 'scatter', symbolSize: 7, z: 5,
            itemStyle: { color: '#dc2626', borderColor: '#fff', borderWidth: 1 },
            data: evidence.map(e => [e.ts, e.value]),
          },
        ].filter(Boolean),
      }, true);
      element.dataset.points = String(series.points.length);
      element.dataset.limit = limit == null ? '' : String(limit);
      element.dataset.alertIntervals = String(intervals.length);
      element.dataset.sampled = series.sampledBy ?? '';
    },
    dispose() {
      resize.disconnect();
      chart.dispose();
    },
  };
}

function niceCeiling(value) {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const steps = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
  return steps.map(s => s * magnitude).find(s => s >= value) ?? value;
}
