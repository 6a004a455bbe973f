/**
 * The EcoIndex of a page (cnumr/GreenIT-Analysis, HTTP Archive quantiles): each of DOM elements,
 * requests and transferred kilobytes is placed in its quantile table, and
 * EI = 100 − 5 × (3·Q_dom + 2·Q_req + Q_size) / 6. Written here because the `ecoindex` package is
 * CC-BY-NC-ND. Quantiles are counted from 1 (as ecoindex_python does): the stricter of the two
 * published variants, 5 points below the one that counts from 0.
 */
const QUANTILES = {
  dom: [0, 47, 75, 159, 233, 298, 358, 417, 476, 537, 603, 674, 753, 843, 949, 1076, 1237, 1459, 1801, 2479, 594601],
  requests: [0, 2, 15, 25, 34, 42, 49, 56, 63, 70, 78, 86, 95, 105, 117, 130, 147, 170, 205, 281, 3920],
  kilobytes: [
    0, 1.37, 144.7, 319.53, 479.46, 631.97, 783.38, 937.91, 1098.62, 1265.47, 1448.32, 1648.27, 1876.08, 2142.06,
    2465.37, 2866.31, 3401.59, 4155.73, 5400.08, 8037.54, 223212.26,
  ],
};

export function quantile(table: number[], value: number): number {
  for (let i = 1; i < table.length; i++) {
    if (value < table[i]) return i + (value - table[i - 1]) / (table[i] - table[i - 1]);
  }
  return table.length;
}

export function ecoIndex(page: { dom: number; requests: number; kilobytes: number }): number {
  const dom = quantile(QUANTILES.dom, page.dom);
  const requests = quantile(QUANTILES.requests, page.requests);
  const kilobytes = quantile(QUANTILES.kilobytes, page.kilobytes);
  return Math.round(100 - (5 * (3 * dom + 2 * requests + kilobytes)) / 6);
}

/** A > 80, B > 70, C > 55, D > 40, E > 25, F > 10, else G. */
export function ecoGrade(score: number): string {
  const grades: [number, string][] = [
    [80, 'A'],
    [70, 'B'],
    [55, 'C'],
    [40, 'D'],
    [25, 'E'],
    [10, 'F'],
  ];
  return grades.find(([floor]) => score > floor)?.[1] ?? 'G';
}
