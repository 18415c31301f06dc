import { parsePrometheusText, sampleValue } from './prometheus-text';

test('parses types, labels with escapes, infinities and timestamps', () => {
  const scrape = parsePrometheusText(
    [
      '# HELP x_total help',
      '# TYPE x_total counter',
      'x_total{a="1",path="C:\\\\dir",msg="say \\"hi\\"\\nbye"} 3 1395066363000',
      '# TYPE h_seconds histogram',
      'h_seconds_bucket{le="0.1",route="/a"} 1',
      'h_seconds_bucket{le="+Inf",route="/a"} 2',
      'h_seconds_sum{route="/a"} 0.35',
      'h_seconds_count{route="/a"} 2',
      'g +Inf',
      '',
    ].join('\n'),
  );
  expect(scrape.types.get('x_total')).toBe('counter');
  expect(scrape.samples[0]).toEqual({ name: 'x_total', labels: { a: '1', path: 'C:\\dir', msg: 'say "hi"\nbye' }, value: 3 });
  expect(sampleValue(scrape, 'h_seconds_count', { route: '/a' })).toBe(2);
  expect(sampleValue(scrape, 'h_seconds_bucket', { le: '+Inf' })).toBe(2);
  expect(sampleValue(scrape, 'g')).toBe(Infinity);
  expect(sampleValue(scrape, 'missing')).toBe(0);
  expect(() => sampleValue(scrape, 'h_seconds_bucket')).toThrow(/2 samples/);
  expect(() => parsePrometheusText('not a metric line here')).toThrow(/not a sample line/);
});
