import '@atlaskit/css-reset';
import './panel.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { view } from '@forge/bridge';
import { App } from './App';

// Follow Jira's light/dark theme: the host applies the design tokens to this frame.
view.theme.enable().catch(() => undefined);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
