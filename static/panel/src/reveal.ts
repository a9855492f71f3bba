/**
 * Bringing a result into view after Run (#24). The panel lives in Forge's iframe, which the host
 * sizes to the panel's content: the frame itself never scrolls, Jira's page does. Chromium and
 * Firefox carry `scrollIntoView` up through the frames (same-origin or not), but only once the
 * host has grown the frame to hold the element; so the element is scrolled into view now, on the
 * next frame, and again whenever the frame is resized during the next two seconds (the host's
 * answer to the new content).
 */
const FOLLOW_MS = 2_000;

export function reveal(element: HTMLElement): () => void {
  const go = () => {
    if (element.isConnected) element.scrollIntoView({ block: 'start', inline: 'nearest' });
  };
  go();
  const frame = requestAnimationFrame(go);
  window.addEventListener('resize', go);
  const timer = setTimeout(() => window.removeEventListener('resize', go), FOLLOW_MS);
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    window.removeEventListener('resize', go);
  };
}

/**
 * Moves focus to a heading (made focusable, not tabbable) without letting the browser scroll on
 * its own, then reveals it: a keyboard or screen reader user lands on the answer.
 */
export function focusHeading(heading: HTMLElement): () => void {
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.focus({ preventScroll: true });
  return reveal(heading);
}
