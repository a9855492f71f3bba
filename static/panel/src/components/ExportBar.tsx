import { useEffect, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import { Inline, Text } from '@atlaskit/primitives';
import type { Report } from '../types';

async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // The iframe may not be allowed to use the async clipboard: fall back to a selection copy.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('The browser refused to copy.');
}

function download(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function fileStem(report: Report): string {
  const stamp = report.startedAt.replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
  return `credential-doctor-${report.verdict}-${stamp}`;
}

/** Exports only ever serialise the report, which never holds a token. */
export function ExportBar({ report }: { report: Report }) {
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const [busy, setBusy] = useState(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const onCopy = async () => {
    setBusy(true);
    try {
      const { reportToMarkdown } = await import('../markdown');
      await copyText(await reportToMarkdown(report));
      if (mounted.current) setStatus({ text: 'Copied the report as Markdown.', tone: 'ok' });
    } catch (err) {
      if (mounted.current) {
        setStatus({
          text: `Could not copy: ${err instanceof Error ? err.message : String(err)}`,
          tone: 'error',
        });
      }
    } finally {
      if (mounted.current) setBusy(false);
    }
  };

  const onDownload = () => {
    download(
      `${fileStem(report)}.json`,
      `${JSON.stringify(report, null, 2)}\n`,
      'application/json',
    );
    setStatus({ text: 'Downloaded the report as JSON.', tone: 'ok' });
  };

  return (
    <Inline space="space.100" alignBlock="center" shouldWrap testId="export-bar">
      <Button onClick={onCopy} isLoading={busy} testId="copy-markdown">
        Copy as Markdown
      </Button>
      <Button onClick={onDownload} testId="download-json">
        Download JSON
      </Button>
      <span role="status" aria-live="polite" data-testid="export-status">
        {status && (
          <Text
            size="small"
            color={status.tone === 'ok' ? 'color.text.success' : 'color.text.danger'}
          >
            {status.text}
          </Text>
        )}
      </span>
    </Inline>
  );
}
