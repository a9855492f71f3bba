import { router } from '@forge/bridge';
import type { MouseEvent, ReactNode } from 'react';
import { token } from '@atlaskit/tokens';

/**
 * A link to a Jira or Atlassian admin page. Inside Jira the host opens it (new tab, with its
 * own confirmation for other sites); the plain href keeps it a real, keyboard-usable link.
 */
export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.defaultPrevented || event.button !== 0) return;
    event.preventDefault();
    router.open(href).catch(() => {
      window.open(href, '_blank', 'noopener,noreferrer');
    });
  };
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      onClick={onClick}
      style={{ color: token('color.link', '#0C66E4'), fontWeight: 500 }}
    >
      {children}
      <span aria-hidden="true"> ↗</span>
      <span style={visuallyHidden}> (opens in a new tab)</span>
    </a>
  );
}

export const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;
