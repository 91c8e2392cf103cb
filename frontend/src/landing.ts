import './landing.css';
import { acceptTokenFromURL, TOKEN_KEY } from './signin';

/** The JSON body of /readyz; only the fields shown here. */
interface Readiness {
  reason?: unknown;
}

/** Asks /readyz whether the server is ready and shows the answer in output. */
async function showReadiness(output: HTMLOutputElement): Promise<void> {
  let ready = false;
  let text: string;
  try {
    const response = await fetch('/readyz', { headers: { Accept: 'application/json' }, cache: 'no-store' });
    const body = (await response.json().catch(() => ({}))) as Readiness;
    ready = response.ok;
    if (ready) {
      text = 'Ready now.';
    } else {
      const reason = typeof body.reason === 'string' ? body.reason : `HTTP ${response.status}`;
      text = `Not ready now: ${reason}.`;
    }
  } catch {
    text = 'The server does not answer now.';
  }
  output.textContent = text;
  output.dataset.state = ready ? 'ready' : 'unavailable';
  output.hidden = false;
}

const output = document.querySelector<HTMLOutputElement>('#readiness');
if (output) {
  void showReadiness(output);
}

acceptTokenFromURL();
const signedIn = document.querySelector<HTMLElement>('#signed-in');
if (signedIn && sessionStorage.getItem(TOKEN_KEY)) {
  signedIn.hidden = false;
}
