import { MetricsService } from '@alveole/core';
import { TestApp } from './test-app';

/** Current value of a counter of the test app's process (summed over its labels). */
export async function counterValue(t: TestApp, name: string): Promise<number> {
  const metric = t.app.get(MetricsService).registry.getSingleMetric(name);
  if (!metric) return 0;
  const { values } = await metric.get();
  return values.reduce((sum, v) => sum + v.value, 0);
}
