import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Tooltip from '@atlaskit/tooltip';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { cellReason } from '../derive';
import { permissionLabel } from '../labels';
import {
  firstCell,
  matrixRows,
  MATRIX_PAGE_SIZE,
  moveInGrid,
  pageOf,
  type GridCell,
  type MatrixRow,
} from '../matrix';
import type { PermissionState, ProjectExplanation, ProjectReport, Report } from '../types';
import { Card } from './Card';

const SYMBOLS: Record<'yes' | 'no' | 'unknown', { glyph: string; word: string; color: string }> = {
  yes: { glyph: '✓', word: 'granted', color: token('color.text.success', '#216E4E') },
  no: { glyph: '✗', word: 'not granted', color: token('color.text.danger', '#AE2E24') },
  unknown: { glyph: '?', word: 'unknown', color: token('color.text.subtlest', '#626F86') },
};

function stateKey(state: PermissionState | undefined): keyof typeof SYMBOLS {
  if (state === true) return 'yes';
  if (state === false) return 'no';
  return 'unknown';
}

const cellStyle = {
  padding: `${token('space.075', '6px')} ${token('space.150', '12px')}`,
  borderBottom: `1px solid ${token('color.border', '#091E4224')}`,
  textAlign: 'center' as const,
};

/** The Project column stays in view while the permissions scroll sideways under it. */
const stickyColumn = {
  position: 'sticky' as const,
  insetInlineStart: 0,
  zIndex: 1,
  backgroundColor: token('elevation.surface', '#FFFFFF'),
  borderInlineEnd: `1px solid ${token('color.border', '#091E4224')}`,
  textAlign: 'left' as const,
};

function Cell({
  report,
  project,
  permission,
  at,
  active,
  onActivate,
}: {
  report: Report;
  project: ProjectReport;
  permission: string;
  at: GridCell;
  active: boolean;
  onActivate: (cell: GridCell) => void;
}) {
  const key = stateKey(project.permissions[permission]);
  const s = SYMBOLS[key];
  const reason = cellReason(report, project, permission);
  return (
    <Tooltip content={reason} position="top">
      {({ testId: _tooltipTestId, onFocus, ...triggerProps }) => (
        <td
          {...triggerProps}
          role="gridcell"
          className="cd-cell"
          tabIndex={active ? 0 : -1}
          aria-label={`${permissionLabel(permission)} in ${project.key}: ${s.word}`}
          data-testid={`cell-${project.key}-${permission}`}
          data-state={key}
          data-row={at.row}
          data-col={at.col}
          onFocus={(event) => {
            onFocus(event);
            onActivate(at);
          }}
          style={{ ...cellStyle, fontWeight: 700, fontSize: 16, color: s.color, cursor: 'default' }}
        >
          {s.glyph}
        </td>
      )}
    </Tooltip>
  );
}

/** Whether the element is wider than its box, and how wide its first column is (kept in sync). */
function useSidewaysScroll(ref: RefObject<HTMLDivElement | null>): {
  overflows: boolean;
  firstColumn: number;
} {
  const [measure, setMeasure] = useState({ overflows: false, firstColumn: 0 });
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    const update = () => {
      const overflows = box.scrollWidth > box.clientWidth + 1;
      const firstColumn = Math.ceil(box.querySelector('th')?.getBoundingClientRect().width ?? 0);
      setMeasure((m) =>
        m.overflows === overflows && m.firstColumn === firstColumn ? m : { overflows, firstColumn },
      );
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    return () => observer.disconnect();
  }, [ref]);
  return measure;
}

const formatCount = (n: number): string => n.toLocaleString('en-US');

function PageControls({
  page,
  pages,
  first,
  last,
  total,
  onPage,
}: {
  page: number;
  pages: number;
  first: number;
  last: number;
  total: number;
  onPage: (page: number) => void;
}) {
  return (
    <Inline space="space.100" alignBlock="center" shouldWrap testId="matrix-pages">
      <Button isDisabled={page === 0} onClick={() => onPage(page - 1)} testId="matrix-previous">
        Previous projects
      </Button>
      <Text size="small" color="color.text.subtle" role="status" testId="matrix-page-status">
        Projects {formatCount(first)}–{formatCount(last)} of {formatCount(total)} · page{' '}
        {formatCount(page + 1)} of {formatCount(pages)}
      </Text>
      <Button isDisabled={page >= pages - 1} onClick={() => onPage(page + 1)} testId="matrix-next">
        Next projects
      </Button>
    </Inline>
  );
}

/**
 * The matrix as one WAI-ARIA grid: one tab stop (roving tabindex), arrows/Home/End/PageUp/
 * PageDown inside, Tab out. Rows come a page at a time; the arrows and PageUp/PageDown turn pages.
 */
function MatrixGrid({
  report,
  rows,
  idPrefix,
}: {
  report: Report;
  rows: readonly MatrixRow[];
  idPrefix: string;
}) {
  const permissions = report.requiredPermissions;
  const [active, setActive] = useState<GridCell>(() => firstCell(rows, permissions));
  const focusAfterMove = useRef(false);
  const tableRef = useRef<HTMLTableElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const sideways = useSidewaysScroll(scrollRef);

  const pages = Math.max(1, Math.ceil(rows.length / MATRIX_PAGE_SIZE));
  const page = pageOf(active, MATRIX_PAGE_SIZE);
  const firstRow = page * MATRIX_PAGE_SIZE;
  const shown = rows.slice(firstRow, firstRow + MATRIX_PAGE_SIZE);

  useEffect(() => {
    if (!focusAfterMove.current) return;
    focusAfterMove.current = false;
    tableRef.current
      ?.querySelector<HTMLElement>(`[data-row="${active.row}"][data-col="${active.col}"]`)
      ?.focus();
  }, [active]);

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    if (!(event.target instanceof HTMLElement) || event.target.dataset.row === undefined) return;
    const next = moveInGrid(active, event.key, event.ctrlKey || event.metaKey, {
      rows: rows.length,
      cols: permissions.length,
      pageSize: MATRIX_PAGE_SIZE,
    });
    if (!next) return;
    event.preventDefault();
    focusAfterMove.current = true;
    setActive(next);
  };
  const onActivate = useCallback(
    (cell: GridCell) =>
      setActive((current) =>
        current.row === cell.row && current.col === cell.col ? current : cell,
      ),
    [],
  );

  const hintId = `${idPrefix}-matrix-scroll-hint`;
  const headStyle = {
    ...cellStyle,
    color: token('color.text.subtle', '#44546F'),
    fontWeight: 600,
    borderBottom: `2px solid ${token('color.border', '#091E4224')}`,
    verticalAlign: 'bottom' as const,
  };
  return (
    <Stack space="space.100">
      {sideways.overflows && (
        <Text as="p" size="small" color="color.text.subtle" id={hintId} testId="matrix-scroll-hint">
          {`${formatCount(permissions.length)} permission columns: scroll sideways, or move with the arrow keys. The Project column stays in place.`}
        </Text>
      )}
      <div
        ref={scrollRef}
        data-testid="matrix-scroll"
        {...(sideways.overflows
          ? {
              role: 'region',
              'aria-label': 'Permission matrix, scrolls sideways',
              'aria-describedby': hintId,
            }
          : {})}
        style={{ overflowX: 'auto', scrollPaddingInlineStart: sideways.firstColumn }}
      >
        <table
          ref={tableRef}
          role="grid"
          aria-readonly="true"
          aria-labelledby={`${idPrefix}-matrix`}
          aria-rowcount={rows.length + 1}
          aria-colcount={permissions.length + 1}
          onKeyDown={onKeyDown}
          style={{ borderCollapse: 'separate', borderSpacing: 0, width: '100%' }}
        >
          <thead>
            <tr role="row" aria-rowindex={1}>
              <th role="columnheader" scope="col" style={{ ...headStyle, ...stickyColumn }}>
                Project
              </th>
              {permissions.map((p) => (
                <th role="columnheader" scope="col" key={p} style={headStyle}>
                  {permissionLabel(p)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map(({ project, standing }, i) => {
              const row = firstRow + i;
              return (
                <tr role="row" key={project.key} aria-rowindex={row + 2} data-standing={standing}>
                  <th
                    role="rowheader"
                    scope="row"
                    style={{ ...cellStyle, ...stickyColumn, fontWeight: 600 }}
                  >
                    {project.key}
                    {project.name && (
                      <span
                        style={{
                          display: 'block',
                          fontWeight: 400,
                          color: token('color.text.subtle', '#44546F'),
                        }}
                      >
                        {project.name}
                      </span>
                    )}
                  </th>
                  {permissions.map((p, col) => (
                    <Cell
                      key={p}
                      report={report}
                      project={project}
                      permission={p}
                      at={{ row, col }}
                      active={active.row === row && active.col === col}
                      onActivate={onActivate}
                    />
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <PageControls
          page={page}
          pages={pages}
          first={firstRow + 1}
          last={firstRow + shown.length}
          total={rows.length}
          onPage={(p) => setActive({ row: p * MATRIX_PAGE_SIZE, col: active.col })}
        />
      )}
    </Stack>
  );
}

const whyItemStyles = xcss({
  borderBlockStartWidth: 'border.width',
  borderBlockStartStyle: 'solid',
  borderBlockStartColor: 'color.border',
  paddingBlockStart: 'space.100',
});

function listOrNone(items: readonly string[]): string {
  return items.length > 0 ? items.join(', ') : 'none';
}

/**
 * How each held permission is held, said in the page (#24), not only in a cell's tooltip: the
 * grants that reach the sync user, e.g. "Create Issues held through project role Developers,
 * through group jira-software-users".
 */
function HeldList({ project, explanation }: { project: string; explanation: ProjectExplanation }) {
  const held = explanation.permissions.filter((p) => p.held === true && p.grantedBy.length > 0);
  if (held.length === 0) return null;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid={`held-${project}`}>
      {held.map((p) => (
        <li key={p.permission}>
          <Text size="small">
            <Text size="small" weight="semibold">
              {permissionLabel(p.permission)}
            </Text>
            {` held through ${p.grantedBy.join('; ')}`}
          </Text>
        </li>
      ))}
    </ul>
  );
}

/** Explanations shown before "Show all": the matrix's order, so the problems come first. */
export const EXPLANATIONS_SHOWN = 20;

/** Per explained project: the scheme, the user's roles and groups, and the least-privilege fix. */
function Explanations({ rows, idPrefix }: { rows: readonly MatrixRow[]; idPrefix: string }) {
  const [showAll, setShowAll] = useState(false);
  const explained = rows
    .map((r) => r.project)
    .filter(
      (p): p is ProjectReport & { explanation: ProjectExplanation } => p.explanation !== undefined,
    );
  if (explained.length === 0) return null;
  const shown = showAll ? explained : explained.slice(0, EXPLANATIONS_SHOWN);
  const headingId = `${idPrefix}-why`;
  return (
    <Stack space="space.100" testId="explanations">
      <Heading size="xxsmall" as="h4" id={headingId}>
        Why, and the least-privilege fix
      </Heading>
      <ul
        aria-labelledby={headingId}
        style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 8 }}
      >
        {shown.map((project) => {
          const e = project.explanation;
          return (
            <Box as="li" key={project.key} xcss={whyItemStyles} testId={`why-${project.key}`}>
              <Stack space="space.050">
                <Text as="p">
                  <Text weight="semibold">{project.key}</Text>
                  <Text size="small" color="color.text.subtle">
                    {` · permission scheme ${e.scheme.name} · the user's roles: ${listOrNone(e.userRoles)} · groups: ${listOrNone(e.userGroups)}`}
                  </Text>
                </Text>
                {e.recommendation ? (
                  <Text as="p" testId={`recommendation-${project.key}`}>
                    <Text weight="semibold">Recommended fix: </Text>
                    {e.recommendation.summary}
                  </Text>
                ) : (
                  <Text as="p" size="small" color="color.text.subtle">
                    Nothing missing here.
                  </Text>
                )}
                <HeldList project={project.key} explanation={e} />
              </Stack>
            </Box>
          );
        })}
      </ul>
      {explained.length > shown.length && (
        <div>
          <Button onClick={() => setShowAll(true)} testId="show-all-explanations">
            {`Show all ${formatCount(explained.length)} explanations`}
          </Button>
        </div>
      )}
    </Stack>
  );
}

/** One key per report, so a new run's matrix starts again on its first problem. */
const reportKeys = new WeakMap<Report, number>();
let reportsSeen = 0;
function reportKey(report: Report): number {
  let key = reportKeys.get(report);
  if (key === undefined) {
    reportsSeen += 1;
    key = reportsSeen;
    reportKeys.set(report, key);
  }
  return key;
}

/** Problems first, a page of projects at a time, one tab stop; explanations below in the same order. */
export function PermissionMatrix({ report, idPrefix }: { report: Report; idPrefix: string }) {
  const permissions = report.requiredPermissions;
  const rows = useMemo(() => matrixRows(report), [report]);
  if (rows.length === 0 || permissions.length === 0) return null;
  const needing = rows.filter((r) => r.standing !== 'fine').length;
  return (
    <Card title="Permission matrix" headingId={`${idPrefix}-matrix`} testId="permission-matrix">
      <Text as="p" size="small" color="color.text.subtle">
        ✓ granted · ✗ not granted · ? could not be determined. Below the matrix each explained
        project says how its permissions are (not) held; a cell's tooltip says the same for that
        cell. Inside the matrix, the arrow keys move between cells.
      </Text>
      {rows.length > 1 && needing > 0 && (
        <Text as="p" testId="matrix-summary">
          {needing === rows.length
            ? `All ${formatCount(rows.length)} projects need attention.`
            : needing === 1
              ? `1 of ${formatCount(rows.length)} projects needs attention; it is listed first.`
              : `${formatCount(needing)} of ${formatCount(rows.length)} projects need attention; they are listed first.`}
        </Text>
      )}
      {/* A new report starts on its own first problem, on the first page. */}
      <MatrixGrid
        key={`grid-${reportKey(report)}`}
        report={report}
        rows={rows}
        idPrefix={idPrefix}
      />
      <Explanations key={`why-${reportKey(report)}`} rows={rows} idPrefix={idPrefix} />
    </Card>
  );
}
