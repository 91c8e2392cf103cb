import { render } from 'preact';
import './styles/app.css';
import { App } from './app/App';
import { interceptLinks } from './app/navigation';
import { acceptTokenFromURL } from './signin';

// A sign-in link (#token=...) works on any page of the app.
acceptTokenFromURL();
const root = document.getElementById('app');
if (root) {
  interceptLinks(document.body);
  render(<App />, root);
}
