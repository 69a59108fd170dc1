import { render } from 'preact';
import { App } from './App.tsx';
import { LiveFeedContext } from './hooks.ts';
import { LiveFeed } from './live/LiveFeed.ts';
import './styles.css';

const feed = new LiveFeed();
feed.start();
const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(
    <LiveFeedContext.Provider value={feed}>
      <App />
    </LiveFeedContext.Provider>,
    root,
  );
}
