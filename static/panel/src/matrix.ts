/**
 * The permission matrix without React: its rows in the order an admin wants them (problems
 * first) and its keyboard model (the WAI-ARIA grid pattern, over pages of rows).
 */
import type { ProjectReport, Report } from './types';

/** Projects on one page of the matrix: 25 rows × the required permissions stay light to render. */
export const MATRIX_PAGE_SIZE = 25;

/** `missing`: a required permission is not granted; `attention`: unknown, or a finding about it. */
export type RowStanding = 'missing' | 'attention' | 'fine';

export interface MatrixRow {
  project: ProjectReport;
  standing: RowStanding;
}

const STANDING_ORDER: Record<RowStanding, number> = { missing: 0, attention: 1, fine: 2 };

function standingOf(
  project: ProjectReport,
  permissions: readonly string[],
  withFinding: ReadonlySet<string>,
): RowStanding {
  const states = permissions.map((p) => project.permissions[p]);
  if (states.includes(false)) return 'missing';
  if (states.some((s) => s !== true) || withFinding.has(project.key)) return 'attention';
  return 'fine';
}

/** Projects with a missing permission first, then those needing attention, then the rest; stable. */
export function matrixRows(report: Report): MatrixRow[] {
  const withFinding = new Set(
    report.findings.flatMap((f) =>
      f.project !== undefined && f.severity !== 'info' ? [f.project] : [],
    ),
  );
  return report.projects
    .map((project, index) => ({
      project,
      index,
      standing: standingOf(project, report.requiredPermissions, withFinding),
    }))
    .sort((a, b) => STANDING_ORDER[a.standing] - STANDING_ORDER[b.standing] || a.index - b.index)
    .map(({ project, standing }) => ({ project, standing }));
}

/** A data cell: its row among all rows (not only the page's) and its permission column. */
export interface GridCell {
  row: number;
  col: number;
}

export interface GridSize {
  rows: number;
  cols: number;
  pageSize: number;
}

/** Where Tab enters the grid first: the first row's first cell that is not granted, else its first. */
export function firstCell(rows: readonly MatrixRow[], permissions: readonly string[]): GridCell {
  const first = rows[0]?.project;
  if (!first) return { row: 0, col: 0 };
  const missing = permissions.findIndex((p) => first.permissions[p] === false);
  const unsure = permissions.findIndex((p) => first.permissions[p] !== true);
  return { row: 0, col: Math.max(0, missing >= 0 ? missing : unsure) };
}

export const pageOf = (cell: GridCell, pageSize: number): number => Math.floor(cell.row / pageSize);

const clamp = (value: number, max: number): number => Math.min(Math.max(value, 0), max);

/**
 * The cell a key moves to (WAI-ARIA grid): arrows by one cell, Home/End to the row's ends,
 * Ctrl+Home/End to the grid's, PageUp/PageDown by one page of rows (which turns the page). null:
 * the key is not the grid's (Tab among them, so the grid never traps the keyboard).
 */
export function moveInGrid(
  at: GridCell,
  key: string,
  ctrl: boolean,
  size: GridSize,
): GridCell | null {
  const lastRow = Math.max(size.rows - 1, 0);
  const lastCol = Math.max(size.cols - 1, 0);
  switch (key) {
    case 'ArrowRight':
      return { row: at.row, col: clamp(at.col + 1, lastCol) };
    case 'ArrowLeft':
      return { row: at.row, col: clamp(at.col - 1, lastCol) };
    case 'ArrowDown':
      return { row: clamp(at.row + 1, lastRow), col: at.col };
    case 'ArrowUp':
      return { row: clamp(at.row - 1, lastRow), col: at.col };
    case 'Home':
      return ctrl ? { row: 0, col: 0 } : { row: at.row, col: 0 };
    case 'End':
      return ctrl ? { row: lastRow, col: lastCol } : { row: at.row, col: lastCol };
    case 'PageDown':
      return { row: clamp(at.row + size.pageSize, lastRow), col: at.col };
    case 'PageUp':
      return { row: clamp(at.row - size.pageSize, lastRow), col: at.col };
    default:
      return null;
  }
}
