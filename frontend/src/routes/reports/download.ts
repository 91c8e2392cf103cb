// Downloading a report with the session's token: report URLs need it, so a
// plain link would get 401. The answer is fetched, then saved as a file.
import { storedToken } from '../../shared/token';
import { downloadProblem } from './links';

/** The path and query string of a URL, to fetch it from this origin (the dev server proxies it). */
export function localPath(url: string): string {
  try {
    const u = new URL(url, location.origin);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}

/** Fetches a report URL with the token and saves the answer as file. Throws an Error with a message for the user. */
export async function downloadReport(url: string, file: string): Promise<void> {
  const token = storedToken();
  let res: Response;
  try {
    res = await fetch(localPath(url), { headers: token ? { Authorization: `Bearer ${token}` } : {}, cache: 'no-store' });
  } catch {
    throw new Error('The server does not answer. Check your connection and try again.');
  }
  if (!res.ok) throw new Error(downloadProblem(res.status, await res.text()));
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = file;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Late enough for the browser to have started saving.
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
}
