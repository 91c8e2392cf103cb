import { render } from 'preact';
import './app.css';
import { App } from './App';
import { interceptLinks } from '../shared/navigation';
import { acceptTokenFromURL } from '../shared/token';

// A sign-in link (#token=...) works on any page of the app.
acceptTokenFromURL();
const root = document.getElementById('app');
if (root) {
  interceptLinks(document.body);
  render(<App />, root);
}
