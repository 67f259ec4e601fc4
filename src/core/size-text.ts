// Sizes as people read them in messages and progress lines: "900 B", "838 KB", "60.4 MB".
export const formatBytes = (n: number): string =>
  n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${Math.round(n / 1024)} KB` : `${Number((n / 1024 ** 2).toFixed(1))} MB`;
