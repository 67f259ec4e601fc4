import { apiUrl } from './api';

/** A plain link, so the browser downloads the whole list (not just the page shown) with the session cookie. */
export function CsvDownloadLink({ path, testId, label = 'Download CSV' }: { path: string; testId?: string; label?: string }) {
  return (
    <a className="download" href={apiUrl(path)} download data-testid={testId}>
      {label}
    </a>
  );
}
